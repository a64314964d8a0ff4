// The wizard's one update function: (model, msg) -> (model, cmd?). Pure: no I/O, no clock. Keys are resolved
// through KeyTables into intents; results of commands come back as messages; screen intents go to the
// per-screen update classes.
namespace HardenTui.Core.Wizard;

public static class WizardUpdate
{
    /// <summary>The first model and command: the picker loading services, or the given unit being opened.</summary>
    public static (WizardModel Model, Cmd Cmd) Init(bool isRoot, int width, int height, string? unit)
    {
        var model = WizardModel.Start(isRoot, width, height);
        if (unit is null)
            return (model, new Cmd.LoadServices());
        return (model with { Picker = model.Picker with { Loading = false }, Status = $"opening {unit}" }, new Cmd.LoadUnit(unit));
    }

    public static (WizardModel Model, Cmd? Cmd) Update(WizardModel m, Msg msg) => msg switch
    {
        Msg.Key k => OnKey(m, k.Press),
        Msg.Resized r => (m with { Width = r.Width, Height = r.Height }, null),
        Msg.ServicesLoaded s => (m with { Picker = m.Picker with { Services = s.Services, Loading = false } }, null),
        Msg.UnitLoaded u => (m with { Unit = u.Unit, Screen = Screen.Overview, Scroll = 0, Status = "",
            Trace = TraceState.Initial, Levels = LevelsState.Initial, Apply = ApplyState.Initial }, null),
        Msg.Relaxed r => (m with { Unit = r.Unit, Status = r.Status }, null),
        Msg.Failed f => (m with { Status = f.Message, Picker = m.Picker with { Loading = false },
            Trace = m.Trace with { Running = false }, Apply = m.Apply with { Running = false, Bisecting = false } }, null),
        Msg.MethodsFound f => (m with { Trace = m.Trace with { Methods = f.Methods, Method = FirstEnabled(f.Methods) } }, null),
        Msg.TraceProgress p => (m with { Trace = m.Trace with { Elapsed = p.Elapsed, Findings = p.Findings } }, null),
        Msg.TraceFinished t => (m with { Trace = m.Trace with { Running = false, Finished = true, Findings = t.Findings },
            Status = "trace finished; the unit is restored" }, UnitCmd(m, u => new Cmd.BuildProposals(u))),
        Msg.ProposalsReady p => Preview(m with { Levels = LevelsState.Initial with
        {
            Steps = m.Levels.Seed is { } seed ? ProfileSeeding.Apply(p.Steps, seed, m.Trace.Finished) : p.Steps,
            Step = Math.Max(0, p.Steps.ToList().FindIndex(s => s.Directives.Count > 0)),
            Seed = m.Levels.Seed,
        } }),
        Msg.ProfileFound f => LevelsUpdate.ProfileFound(m, f),
        Msg.ProfileSaved s => (m with { Status = $"profile saved: {s.Path}  (apply it with: hardentui apply UNIT --profile {s.Path})" }, null),
        Msg.ExposurePreviewed e => (m with { Levels = m.Levels with { ExposureAfter = e.Exposure } }, null),
        Msg.ApplyProgress a => (m with { Apply = m.Apply with { Steps = a.Steps } }, null),
        Msg.UnitChanged u => m.Unit?.Unit == u.State.Unit
            ? (m with { Apply = m.Apply with { Live = u.State }, Unit = m.Unit with { ActiveState = u.State.ActiveState } }, null)
            : (m, null),
        Msg.ServiceChanged e => PickerLive.Changed(m, e.Event),
        Msg.ServiceLoaded s => (m with { Picker = PickerLive.Upsert(m.Picker, s.Service) }, null),
        Msg.ApplyFinished a => (m with { Apply = m.Apply with { Running = false, Failed = !a.Ok, RolledBack = a.RolledBack },
            Status = a.Ok ? "applied; the service is running hardened" : "the service failed; the drop-in was rolled back" }, null),
        Msg.UnitEditedSinceReview c when m.Unit is { } u => (m with
        {
            Unit = u with { EffectiveText = c.EffectiveText }, Screen = Screen.Review, Scroll = 0, Apply = ApplyState.Initial,
            Status = $"{c.Unit} changed since this diff was computed; nothing written. The diff is against it now: write again to apply",
        }, null),
        Msg.BisectProgress b => (m with { Apply = m.Apply with { BisectTried = b.Tried, BisectTotal = b.Total } }, null),
        Msg.BisectFinished b => LevelsUpdate.BisectFinished(m, b.Culprit),
        Msg.EditorReturned e => LevelsUpdate.EditorReturned(m, e.Lines),
        Msg.ShowHelp => (m with { Modal = new Modal.Help() }, null),
        Msg.CloseModal => (m with { Modal = null }, null),
        Msg.RequestQuit => RequestQuit(m),
        Msg.ConfirmQuit => (m with { Quit = true, Modal = null }, new Cmd.Quit()),
        _ when m.Modal is Modal.EditValue or Modal.EffectiveUnit => LevelsUpdate.OnModal(m, msg),
        _ => m.Screen switch
        {
            Screen.Picker => ScreenUpdate.Picker(m, msg),
            Screen.Overview => ScreenUpdate.Overview(m, msg),
            Screen.Trace => ScreenUpdate.Trace(m, msg),
            Screen.Levels => LevelsUpdate.Levels(m, msg),
            Screen.Review => LevelsUpdate.Review(m, msg),
            _ => LevelsUpdate.Apply(m, msg),
        },
    };

    private static (WizardModel, Cmd?) OnKey(WizardModel m, KeyPress key)
    {
        var (msg, refusal) = KeyDispatch.Resolve(m, key);
        if (refusal is not null)
            return (m with { Status = refusal }, null);
        if (msg is null)
            return (m, null);
        return Update(m with { Status = "" }, msg);
    }

    private static (WizardModel, Cmd?) RequestQuit(WizardModel m)
    {
        if (m.Trace.Running)
            return (m with { Modal = new Modal.ConfirmQuit("A trace is running. Quit stops it and restores the unit.") }, null);
        if (m.HasUnappliedChanges)
            return (m with { Modal = new Modal.ConfirmQuit(m.Levels.Chosen.Count() is var n && n == 1 ? "1 chosen directive is not applied." : $"{n} chosen directives are not applied.") }, null);
        return (m with { Quit = true }, new Cmd.Quit());
    }

    /// <summary>Asks the host for the exposure the current choice would give.</summary>
    internal static (WizardModel, Cmd?) Preview(WizardModel m) =>
        (m with { Levels = m.Levels with { ExposureAfter = null } }, UnitCmd(m, u => new Cmd.PreviewExposure(u, m.DropIn)));

    internal static Cmd? UnitCmd(WizardModel m, Func<string, Cmd> make) => m.Unit is null ? null : make(m.Unit.Unit);

    public static int Clamp(int value, int count) => count == 0 ? 0 : Math.Clamp(value, 0, count - 1);

    private static int FirstEnabled(IReadOnlyList<TraceMethodView> methods)
    {
        for (var i = 0; i < methods.Count; i++)
            if (methods[i].Enabled)
                return i;
        return 0;
    }
}
