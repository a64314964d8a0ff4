namespace HardenTui.Core.Wizard;

/// <summary>Intents on the levels, review and apply screens, and their dialogs.</summary>
internal static class LevelsUpdate
{
    public static (WizardModel, Cmd?) Levels(WizardModel m, Msg msg)
    {
        var l = m.Levels;
        return msg switch
        {
            Msg.Move d when l.Focus == LevelsFocus.Steps =>
                (m with { Levels = l with { Step = WizardUpdate.Clamp(l.Step + d.Delta, l.Steps.Count), Directive = 0 } }, null),
            Msg.Move d => (m with { Levels = l with { Directive = WizardUpdate.Clamp(l.Directive + d.Delta, l.CurrentStep?.Directives.Count ?? 0) } }, null),
            Msg.Select s when l.Focus == LevelsFocus.Steps =>
                (m with { Levels = l with { Step = WizardUpdate.Clamp(s.Index, l.Steps.Count), Directive = s.Index == l.Step ? l.Directive : 0 } }, null),
            Msg.Select s => (m with { Levels = l with { Directive = WizardUpdate.Clamp(s.Index, l.CurrentStep?.Directives.Count ?? 0) } }, null),
            Msg.SwitchFocus => (m with { Levels = l with { Focus = l.Focus == LevelsFocus.Steps ? LevelsFocus.Directives : LevelsFocus.Steps } }, null),
            Msg.Toggle when l.CurrentDirective is { } d => WizardUpdate.Preview(WithCompanions(Replace(m, d with { On = !d.On }), d.Name, !d.On)),
            Msg.EditList when l.CurrentDirective is { } d => (m with { Modal = new Modal.EditValue(d.Name, d.Value) }, null),
            Msg.StartFromProfile => (m with { Status = "looking for a profile…" }, WizardUpdate.UnitCmd(m, u => new Cmd.FindProfile(u))),
            Msg.SaveAsProfile => (m, WizardUpdate.UnitCmd(m, u => new Cmd.SaveProfile(u, l.Chosen.ToList(), m.Trace.Probe))),
            Msg.OpenShell => (m, WizardUpdate.UnitCmd(m, u => new Cmd.OpenShell(u, m.DropIn))),
            Msg.GoReview => (m with { Screen = Screen.Review, ReviewChoice = 0, Scroll = 0 }, null),
            Msg.Back => (m with { Screen = Screen.Overview, Scroll = 0 }, null),
            _ => (m, null),
        };
    }

    public static (WizardModel, Cmd?) Review(WizardModel m, Msg msg) => msg switch
    {
        Msg.Move d => (m with { ReviewChoice = Math.Clamp(m.ReviewChoice + d.Delta, 0, 2) }, null),
        Msg.Select s => (m with { ReviewChoice = Math.Clamp(s.Index, 0, 2) }, null),
        Msg.ScrollBy s => (m with { Scroll = Math.Clamp(m.Scroll + s.Delta, 0, Math.Max(0, m.ReviewLines.Count - 1)) }, null),
        Msg.Open => Review(m, m.ReviewChoice switch { 0 => new Msg.Write(), 1 => new Msg.Back(), _ => new Msg.OpenEditor() }),
        Msg.Write => (m with { Screen = Screen.Apply, Apply = ApplyState.Initial with { Running = true } },
            WizardUpdate.UnitCmd(m, u => new Cmd.Apply(u, m.Levels.Chosen.ToList(), m.Trace.Probe, m.Unit?.EffectiveText))),
        Msg.OpenEditor => (m, WizardUpdate.UnitCmd(m, u => new Cmd.OpenEditor(u, m.DropIn))),
        Msg.Back => (m with { Screen = Screen.Levels }, null),
        _ => (m, null),
    };

    public static (WizardModel, Cmd?) Apply(WizardModel m, Msg msg) => msg switch
    {
        Msg.StartBisect => (m with { Apply = m.Apply with { Bisecting = true, BisectTried = 0, BisectTotal = m.Levels.Chosen.Count() } },
            WizardUpdate.UnitCmd(m, u => new Cmd.Bisect(u, m.Levels.Chosen.ToList(), m.Trace.Probe))),
        Msg.Open when m.Apply.Succeeded => (m with { Screen = Screen.Picker, Picker = m.Picker with { Loading = true } }, new Cmd.LoadServices()),
        Msg.Open or Msg.Back => (m with { Screen = Screen.Levels }, null),
        _ => (m, null),
    };

    public static (WizardModel, Cmd?) OnModal(WizardModel m, Msg msg)
    {
        if (m.Modal is Modal.EffectiveUnit e)
            return msg is Msg.Move or Msg.ScrollBy
                ? (m with { Modal = new Modal.EffectiveUnit(Math.Max(0, e.Offset + (msg is Msg.Move d ? d.Delta : ((Msg.ScrollBy)msg).Delta))) }, null)
                : (m, null);
        if (m.Modal is not Modal.EditValue edit)
            return (m, null);
        return msg switch
        {
            Msg.Type t => (m with { Modal = edit with { Buffer = edit.Buffer + t.Char } }, null),
            Msg.SetText t => (m with { Modal = edit with { Buffer = t.Text } }, null),
            Msg.Erase => (m with { Modal = edit with { Buffer = edit.Buffer.Length == 0 ? "" : edit.Buffer[..^1] } }, null),
            Msg.CancelInput => (m with { Modal = null }, null),
            Msg.FinishInput when m.Levels.CurrentDirective is { } d =>
                WizardUpdate.Preview(Replace(m with { Modal = null }, d with { Value = edit.Buffer.Trim(), On = edit.Buffer.Trim().Length > 0 })),
            _ => (m, null),
        };
    }

    /// <summary>The culprit found by bisect is switched off, so the next review proposes the rest.</summary>
    public static (WizardModel, Cmd?) BisectFinished(WizardModel m, string? culprit)
    {
        var model = m with { Apply = m.Apply with { Bisecting = false, Culprit = culprit, BisectTotal = m.Apply.BisectTried },
            Status = culprit is null ? "bisect found no single culprit" : $"culprit: {culprit} (switched off)" };
        if (culprit is null)
            return (model, null);
        var steps = m.Levels.Steps.Select(s => s with
        {
            Directives = s.Directives.Select(d => culprit.StartsWith(d.Name + "=", StringComparison.Ordinal) || culprit == d.Name ? d with { On = false } : d).ToList(),
        }).ToList();
        return WizardUpdate.Preview(model with { Levels = model.Levels with { Steps = steps } });
    }

    /// <summary>Lines the user wrote in $EDITOR: known directives take the written value, the rest go to "manual".</summary>
    public static (WizardModel, Cmd?) EditorReturned(WizardModel m, IReadOnlyList<string> lines)
    {
        var written = lines.Select(l => l.Trim()).Where(l => l.Contains('=') && !l.StartsWith('#'))
            .Select(l => (Name: l[..l.IndexOf('=')].Trim(), Value: l[(l.IndexOf('=') + 1)..].Trim())).ToList();
        var known = m.Levels.Steps.SelectMany(s => s.Directives).Select(d => d.Name).ToHashSet();
        var steps = m.Levels.Steps.Where(s => s.Name != ManualStep).Select(s => s with
        {
            Directives = s.Directives.Select(d => written.FirstOrDefault(w => w.Name == d.Name) is { Name: not null } w
                ? d with { On = true, Value = w.Value } : d with { On = false }).ToList(),
        }).ToList();
        var manual = written.Where(w => !known.Contains(w.Name) || m.Levels.Steps.Any(s => s.Name == ManualStep && s.Directives.Any(d => d.Name == w.Name)))
            .Select(w => new DirectiveToggle(w.Name, w.Value, true, false, "written by hand in $EDITOR", [], 0)).ToList();
        if (manual.Count > 0)
            steps.Add(new LevelStep(ManualStep, manual));
        return WizardUpdate.Preview(m with { Levels = m.Levels with { Steps = steps }, Status = "drop-in taken back from $EDITOR" });
    }

    public const string ManualStep = "manual";

    /// <summary>Toggles preselected from the profile (the trace, when there was one, still refines them); its probe when none was set.</summary>
    public static (WizardModel, Cmd?) ProfileFound(WizardModel m, Msg.ProfileFound f)
    {
        if (f.Seed is not { } seed)
            return (m with { Status = f.Note }, null);
        var steps = ProfileSeeding.Apply(m.Levels.Steps, seed, m.Trace.Finished);
        var probe = m.Trace.Probe.Length == 0 && seed.Probe is { } p ? p : m.Trace.Probe;
        return WizardUpdate.Preview(m with
        {
            Levels = m.Levels with { Steps = steps, Seed = seed },
            Trace = m.Trace with { Probe = probe },
            Status = f.Note,
        });
    }

    /// <summary>NoExecPaths=/ without its ExecPaths= would stop every program: companions follow their directive.</summary>
    private static WizardModel WithCompanions(WizardModel m, string directive, bool on) =>
        m with
        {
            Levels = m.Levels with
            {
                Steps = m.Levels.Steps.Select(s => s.Directives.Any(d => d.GoesWith == directive)
                    ? s with { Directives = s.Directives.Select(d => d.GoesWith == directive ? d with { On = on } : d).ToList() }
                    : s).ToList(),
            },
        };

    private static WizardModel Replace(WizardModel m, DirectiveToggle changed)
    {
        var l = m.Levels;
        var step = l.CurrentStep!;
        var at = WizardUpdate.Clamp(l.Directive, step.Directives.Count); // by place: a profile may repeat a name
        var directives = step.Directives.Select((d, i) => i == at ? changed : d).ToList();
        var steps = l.Steps.Select(s => ReferenceEquals(s, step) ? s with { Directives = directives } : s).ToList();
        return m with { Levels = l with { Steps = steps } };
    }
}
