using HardenTui.Core.Wizard;

namespace HardenTui.Tui.AppHost;

/// <summary>The apply screen's step list, reposted to the loop on every change.</summary>
internal sealed class ApplySteps(Action<Msg> post, params string[] names)
{
    private readonly List<ApplyStepView> _steps = names.Select(n => new ApplyStepView(n, StepStatus.Pending, "")).ToList();

    public void Set(string name, StepStatus status, string detail = "")
    {
        var i = _steps.FindIndex(s => s.Name == name);
        if (i < 0)
            _steps.Add(new ApplyStepView(name, status, detail));
        else
            _steps[i] = new ApplyStepView(name, status, detail);
        post(new Msg.ApplyProgress(_steps.ToList()));
    }

    public void SkipPending()
    {
        foreach (var s in _steps.Where(s => s.Status == StepStatus.Pending).ToList())
            Set(s.Name, StepStatus.Skipped);
    }
}
