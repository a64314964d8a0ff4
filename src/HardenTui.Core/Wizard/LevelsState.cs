namespace HardenTui.Core.Wizard;

/// <summary>The levels screen: steps, the highlighted directive, and the live exposure preview.</summary>
public sealed record LevelsState(
    IReadOnlyList<LevelStep> Steps,
    int Step,
    int Directive,
    LevelsFocus Focus,
    double? ExposureAfter,
    ProfileSeed? Seed = null)
{
    public static readonly LevelsState Initial = new([], 0, 0, LevelsFocus.Directives, null);

    public LevelStep? CurrentStep => Steps.Count == 0 ? null : Steps[Math.Clamp(Step, 0, Steps.Count - 1)];

    public DirectiveToggle? CurrentDirective =>
        CurrentStep is { Directives.Count: > 0 } s ? s.Directives[Math.Clamp(Directive, 0, s.Directives.Count - 1)] : null;

    public IEnumerable<DirectiveToggle> Chosen => Steps.SelectMany(s => s.Directives).Where(d => d.On);
}
