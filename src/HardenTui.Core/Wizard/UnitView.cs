namespace HardenTui.Core.Wizard;

/// <summary>What the overview needs to know about the opened unit.</summary>
public sealed record UnitView(
    string Unit,
    string Description,
    string Type,
    string User,
    string ActiveState,
    double? Exposure,
    string Predicate,
    IReadOnlyList<ExposureRowView> Rows,
    string EffectiveText,
    bool HasDropIn);
