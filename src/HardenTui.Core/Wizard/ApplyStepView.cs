namespace HardenTui.Core.Wizard;

/// <summary>One step of applying a drop-in (write, daemon-reload, restart, settle, probe, journal scan, rollback).</summary>
public sealed record ApplyStepView(string Name, StepStatus Status, string Detail);
