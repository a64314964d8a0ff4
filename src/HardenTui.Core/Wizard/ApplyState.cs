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
    string? Culprit,
    Units.UnitLiveState? Live = null)
{
    public static readonly ApplyState Initial = new([], false, false, false, 0, 0, false, null);

    /// <summary>The unit as systemd last announced it: "active (running), 0 restarts, main pid 812".</summary>
    public string? LiveText => Live is { } l
        ? $"{l.ActiveState} ({l.SubState}){(l.Result is "" or "success" ? "" : $", result {l.Result}")}, {l.Restarts} restart{(l.Restarts == 1 ? "" : "s")}{(l.MainPid > 0 ? $", main pid {l.MainPid}" : "")}"
        : null;

    public bool Succeeded => !Running && !Failed && Steps.Count > 0 && Steps.All(s => s.Status is StepStatus.Done or StepStatus.Skipped);
}
