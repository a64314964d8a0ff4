namespace HardenTui.Core.Wizard;

/// <summary>
/// Applying the drop-in: step statuses, whether it was rolled back, and the bisect (directives tried, total, culprit).
/// </summary>
public sealed record ApplyState(
    IReadOnlyList<ApplyStepView> Steps,
    bool Running,
    bool Failed,
    bool RolledBack,
    int BisectTried,
    int BisectTotal,
    bool Bisecting,
    string? Culprit)
{
    public static readonly ApplyState Initial = new([], false, false, false, 0, 0, false, null);

    public bool Succeeded => !Running && !Failed && Steps.Count > 0 && Steps.All(s => s.Status is StepStatus.Done or StepStatus.Skipped);
}
