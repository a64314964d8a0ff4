namespace HardenTui.Core.Wizard;

/// <summary>One line of the service picker. Exposure is null until it has been scored.</summary>
public sealed record ServiceRow(
    string Unit,
    string Description,
    string ActiveState,
    double? Exposure,
    string Predicate,
    bool HasDropIn);
