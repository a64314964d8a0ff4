namespace HardenTui.Core.Wizard;

/// <summary>One line of the service picker. Exposure is null until it has been scored. <see cref="Denials"/>: denials a
/// hardened unit met since its drop-in was written (the watch's count).</summary>
public sealed record ServiceRow(
    string Unit,
    string Description,
    string ActiveState,
    double? Exposure,
    string Predicate,
    bool HasDropIn,
    int Denials = 0);
