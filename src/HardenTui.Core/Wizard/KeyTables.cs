namespace HardenTui.Core.Wizard;

/// <summary>
/// Every key binding of the wizard, one table per modal, widget and screen. <see cref="Layers"/> orders them for
/// dispatch (modal, then focused widget, then screen, then global); the help bar and `?` read the same layers.
/// </summary>
public static class KeyTables
{
    private static readonly Msg Up = new Msg.Move(-1), Down = new Msg.Move(1), PageUp = new Msg.Move(-10), PageDown = new Msg.Move(10);

    private static Binding[] Moves(string what) =>
    [
        new("up k", $"{what} up", _ => Up),
        new("down j", $"{what} down", _ => Down),
        new("pgup", "page up", _ => PageUp, inBar: false),
        new("pgdn", "page down", _ => PageDown, inBar: false),
    ];

    private static Binding[] TextInput(string finish) =>
    [
        new(Binding.AnyCharacter, "type", _ => new Msg.Type('?'), inBar: false),
        new("space", "space", _ => new Msg.Type(' '), inBar: false),
        new("backspace", "erase", _ => new Msg.Erase(), inBar: false),
        new("enter", finish, _ => new Msg.FinishInput()),
        new("esc", "cancel", _ => new Msg.CancelInput()),
    ];

    public static readonly BindingLayer Global = new("global",
    [
        new("?", "help", _ => new Msg.ShowHelp()),
        new("q", "quit", _ => new Msg.RequestQuit()),
        new("ctrl+c", "quit", _ => new Msg.RequestQuit(), inBar: false),
    ]);

    public static readonly BindingLayer Help = new("help", [new("esc ? q enter", "close help", _ => new Msg.CloseModal())]);

    public static readonly BindingLayer ConfirmQuit = new("confirm quit",
    [
        new("y enter", "quit", _ => new Msg.ConfirmQuit()),
        new("n esc", "stay", _ => new Msg.CloseModal()),
    ]);

    public static readonly BindingLayer EditValue = new("edit value", TextInput("keep value"));

    public static readonly BindingLayer EffectiveUnit = new("effective unit",
        [.. Moves("scroll"), new("esc e q enter", "close", _ => new Msg.CloseModal())]);

    public static readonly BindingLayer PickerFilter = new("filter",
        [new("up", "up", _ => Up, inBar: false), new("down", "down", _ => Down, inBar: false), .. TextInput("keep filter")]);

    public static readonly BindingLayer ProbeInput = new("probe", TextInput("keep probe"));

    public static readonly BindingLayer Picker = new("services",
    [
        .. Moves("move"),
        new("enter", "open", _ => new Msg.Open(), m => m.Picker.Current is null ? "no service to open" : null),
        new("/", "filter", _ => new Msg.StartFilter()),
    ]);

    public static readonly BindingLayer Overview = new("overview",
    [
        .. Moves("scroll"),
        new("t", "trace", _ => new Msg.Open(), m => m.NeedsRoot("tracing")),
        new("l", "levels", _ => new Msg.SkipTrace()),
        new("e", "effective unit", _ => new Msg.ShowEffective()),
        new("esc", "services", _ => new Msg.Back()),
        new("r", "relax", _ => new Msg.Relax(), m => m.NeedsRoot("relaxing") ?? (m.Unit?.Relaxable is null ? "no denial with a relax" : null)),
    ]);

    public static readonly BindingLayer Trace = new("trace",
    [
        new("up k", "method up", _ => Up, m => m.Trace.Running ? "the trace is running" : null),
        new("down j", "method down", _ => Down, m => m.Trace.Running ? "the trace is running" : null),
        new("p", "probe", _ => new Msg.EditProbe(), m => m.Trace.Running ? "the trace is running" : null),
        new("enter s", "start", _ => new Msg.StartTrace(), TraceCannotStart),
        new("x", "stop", _ => new Msg.StopTrace(), m => m.Trace.Running ? null : "no trace is running"),
        new("l tab", "levels", _ => new Msg.SkipTrace(), m => m.Trace.Running ? "stop the trace first (x)" : null),
        new("esc", "overview", _ => new Msg.Back(), m => m.Trace.Running ? "stop the trace first (x)" : null),
    ]);

    public static readonly BindingLayer Levels = new("levels",
    [
        .. Moves("move"),
        new("space", "toggle", _ => new Msg.Toggle(), m => m.Levels.CurrentDirective is null ? "no directive here" : null),
        new("enter", "edit", _ => new Msg.EditList(),
            m => m.Levels.CurrentDirective is { IsList: true } ? null : "only list values are edited"),
        new("r", "review", _ => new Msg.GoReview(), m => m.Levels.Chosen.Any() ? null : "nothing chosen yet"),
        new("tab left right h", "pane", _ => new Msg.SwitchFocus()),
        new("p", "from profile", _ => new Msg.StartFromProfile(), m => m.Levels.Steps.Count == 0 ? "the proposals are not ready yet" : null),
        new("s", "save as profile", _ => new Msg.SaveAsProfile(), m => m.Levels.Chosen.Any() ? null : "nothing chosen yet"),
        new("esc", "overview", _ => new Msg.Back()),
    ]);

    public static readonly BindingLayer Review = new("review",
    [
        new("up k", "choice up", _ => Up),
        new("down j", "choice down", _ => Down),
        new("pgup", "scroll the diff up", _ => new Msg.ScrollBy(-10), inBar: false),
        new("pgdn", "scroll the diff down", _ => new Msg.ScrollBy(10), inBar: false),
        new("enter", "do it", _ => new Msg.Open(), m => m.ReviewChoice == 1 ? null : ReviewNeedsRoot(m)),
        new("w", "write + restart", _ => new Msg.Write(), ReviewNeedsRoot),
        new("e", "$EDITOR", _ => new Msg.OpenEditor(), ReviewNeedsRoot),
        new("esc", "levels", _ => new Msg.Back()),
    ]);

    public static readonly BindingLayer Apply = new("apply",
    [
        new("b", "bisect", _ => new Msg.StartBisect(),
            m => m.Apply is { Failed: true, Running: false, Bisecting: false, Culprit: null } ? null : "bisect follows a failed apply"),
        new("enter", "done", _ => new Msg.Open(), m => m.Apply.Running || m.Apply.Bisecting ? "still applying" : null),
        new("esc", "levels", _ => new Msg.Back(), m => m.Apply.Running || m.Apply.Bisecting ? "still applying" : null),
    ]);

    public static IReadOnlyList<BindingLayer> Layers(WizardModel m)
    {
        var modal = m.Modal switch
        {
            Modal.Help => Help,
            Modal.ConfirmQuit => ConfirmQuit,
            Modal.EditValue => EditValue,
            Modal.EffectiveUnit => EffectiveUnit,
            _ => null,
        };
        if (modal is not null)
            return [modal];
        var widget = m.Screen switch
        {
            Screen.Picker when m.Picker.Filtering => PickerFilter,
            Screen.Trace when m.Trace.EditingProbe => ProbeInput,
            _ => null,
        };
        if (widget is not null)
            return [widget];
        return [ScreenLayer(m.Screen), Global];
    }

    public static BindingLayer ScreenLayer(Screen screen) => screen switch
    {
        Screen.Picker => Picker,
        Screen.Overview => Overview,
        Screen.Trace => Trace,
        Screen.Levels => Levels,
        Screen.Review => Review,
        _ => Apply,
    };

    private static string? TraceCannotStart(WizardModel m) =>
        m.NeedsRoot("tracing")
        ?? (m.Trace.Running ? "already running" : null)
        ?? (m.Trace.Chosen is null ? "no trace method found" : m.Trace.Chosen.DisabledReason);

    private static string? ReviewNeedsRoot(WizardModel m) => m.NeedsRoot("writing the drop-in");
}
