namespace HardenTui.Core.Wizard;

/// <summary>The one immutable model of the wizard. Only <see cref="WizardUpdate"/> makes new ones.</summary>
public sealed record WizardModel(
    Screen Screen,
    bool IsRoot,
    int Width,
    int Height,
    PickerState Picker,
    UnitView? Unit,
    TraceState Trace,
    LevelsState Levels,
    int ReviewChoice,
    ApplyState Apply,
    int Scroll,
    Modal? Modal,
    string Status,
    bool Quit,
    Directives.ManualWords? Manual = null)
{
    public const int MinWidth = 80;
    public const int MinHeight = 24;

    public static WizardModel Start(bool isRoot, int width, int height) =>
        new(Screen.Picker, isRoot, width, height, PickerState.Initial, null, TraceState.Initial, LevelsState.Initial,
            0, ApplyState.Initial, 0, null, "", false);

    public bool TooSmall => Width < MinWidth || Height < MinHeight;

    /// <summary>Directives chosen in the levels screen that have not been applied yet.</summary>
    public bool HasUnappliedChanges =>
        Screen is Screen.Levels or Screen.Review && Levels.Chosen.Any() && !Apply.Succeeded;

    public string DropIn => Unit is null ? "" : DropInDraft.Render(Unit.Unit, Levels.Chosen);

    /// <summary>
    /// What the drop-ins systemd reads after ours (the admin's override.conf, a later 95-*.conf, a runtime one in
    /// /run) do to the chosen directives, the ones that will not take effect first: the review shows each.
    /// </summary>
    public IReadOnlyList<Overrides.DropInOverride> Overridden => Unit is null || !Levels.Chosen.Any() ? []
        : Overrides.LaterDropIns.Find(Overrides.EffectiveUnitText.Files(Unit.EffectiveText), "/" + Overrides.DropInPaths.PersistentFile(Unit.Unit), DropIn)
            .OrderBy(o => o.OursInForce).ToList();

    /// <summary>The review's diff: the chosen directives against the effective unit, overridden ones marked.</summary>
    public IReadOnlyList<DiffLine> ReviewLines => ReviewDiff.Lines(Unit?.Unit, Unit?.EffectiveText ?? "", Levels.Chosen, Overridden);

    public static readonly string ReadOnlyNote = "read-only: run as root (sudo) to trace, write the drop-in and restart";

    /// <summary>For learners: the one line, the installed manual's words and what changes, for a directive with a value.</summary>
    public Directives.DirectiveText Text(string name, string value) => Directives.DirectiveTexts.For(name, value, Manual);

    public string? NeedsRoot(string what) => IsRoot ? null : $"{what} needs root (sudo hardentui)";
}
