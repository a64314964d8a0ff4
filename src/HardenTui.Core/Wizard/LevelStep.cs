namespace HardenTui.Core.Wizard;

/// <summary>One hardening level (exec paths, syscalls, capabilities, ...) with its proposed directives.</summary>
public sealed record LevelStep(string Name, IReadOnlyList<DirectiveToggle> Directives)
{
    public int OnCount => Directives.Count(d => d.On);
}
