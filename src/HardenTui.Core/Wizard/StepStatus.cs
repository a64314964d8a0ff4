namespace HardenTui.Core.Wizard;

public enum StepStatus
{
    Pending,
    Running,
    Done,
    Failed,
    Skipped,
}
