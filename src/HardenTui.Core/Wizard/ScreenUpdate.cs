namespace HardenTui.Core.Wizard;

/// <summary>Intents on the picker, overview and trace screens.</summary>
internal static class ScreenUpdate
{
    public static (WizardModel, Cmd?) Picker(WizardModel m, Msg msg)
    {
        var p = m.Picker;
        return msg switch
        {
            Msg.Move d => (m with { Picker = p with { Selected = WizardUpdate.Clamp(p.Selected + d.Delta, p.Visible.Count) } }, null),
            Msg.Select s => (m with { Picker = p with { Selected = WizardUpdate.Clamp(s.Index, p.Visible.Count) } }, null),
            Msg.Open when p.Current is { } row => (m with { Status = $"opening {row.Unit}" }, new Cmd.LoadUnit(row.Unit)),
            Msg.StartFilter => (m with { Picker = p with { Filtering = true } }, null),
            Msg.Type t => (m with { Picker = p with { Filter = p.Filter + t.Char, Selected = 0 } }, null),
            Msg.SetText t when p.Filtering => (m with { Picker = p with { Filter = t.Text, Selected = t.Text == p.Filter ? p.Selected : 0 } }, null),
            Msg.Erase => (m with { Picker = p with { Filter = p.Filter.Length == 0 ? "" : p.Filter[..^1], Selected = 0 } }, null),
            Msg.FinishInput => (m with { Picker = p with { Filtering = false } }, null),
            Msg.CancelInput => (m with { Picker = p with { Filtering = false, Filter = "", Selected = 0 } }, null),
            _ => (m, null),
        };
    }

    public static (WizardModel, Cmd?) Overview(WizardModel m, Msg msg) => msg switch
    {
        Msg.Move d => (m with { Scroll = WizardUpdate.Clamp(m.Scroll + d.Delta, m.Unit?.Rows.Count ?? 0) }, null),
        Msg.ScrollBy d => (m with { Scroll = WizardUpdate.Clamp(m.Scroll + d.Delta, m.Unit?.Rows.Count ?? 0) }, null),
        Msg.Open => (m with { Screen = Screen.Trace },
            m.Trace.Methods.Count == 0 ? WizardUpdate.UnitCmd(m, u => new Cmd.FindMethods(u)) : null),
        Msg.SkipTrace => ToLevels(m),
        Msg.ShowEffective => (m with { Modal = new Modal.EffectiveUnit(0) }, null),
        Msg.Relax when m.Unit is { Relaxable.Relax: { } line } u => (m with { Status = $"relaxing {u.Unit}: adding {line}, restarting" }, new Cmd.Relax(u.Unit, line)),
        Msg.Back => (m with { Screen = Screen.Picker, Picker = m.Picker with { Loading = m.Picker.Services.Count == 0 } },
            m.Picker.Services.Count == 0 ? new Cmd.LoadServices() : null),
        _ => (m, null),
    };

    public static (WizardModel, Cmd?) Trace(WizardModel m, Msg msg)
    {
        var t = m.Trace;
        return msg switch
        {
            Msg.Move d => (m with { Trace = t with { Method = WizardUpdate.Clamp(t.Method + d.Delta, t.Methods.Count) } }, null),
            Msg.Select s when !t.Running => (m with { Trace = t with { Method = WizardUpdate.Clamp(s.Index, t.Methods.Count) } }, null),
            Msg.EditProbe => (m with { Trace = t with { EditingProbe = true } }, null),
            Msg.Type c => (m with { Trace = t with { Probe = t.Probe + c.Char } }, null),
            Msg.SetText s when t.EditingProbe => (m with { Trace = t with { Probe = s.Text } }, null),
            Msg.Erase => (m with { Trace = t with { Probe = t.Probe.Length == 0 ? "" : t.Probe[..^1] } }, null),
            Msg.FinishInput => (m with { Trace = t with { EditingProbe = false } }, null),
            Msg.CancelInput => (m with { Trace = t with { EditingProbe = false, Probe = "" } }, null),
            Msg.StartTrace when t.Chosen is { } method =>
                (m with { Trace = t with { Running = true, Finished = false, Elapsed = 0, Findings = FindingsView.Empty } },
                    WizardUpdate.UnitCmd(m, u => new Cmd.StartTrace(u, method.Name, t.Probe, t.Seconds))),
            Msg.StopTrace => (m with { Status = "stopping the trace" }, new Cmd.StopTrace()),
            Msg.SkipTrace => ToLevels(m),
            Msg.Back => (m with { Screen = Screen.Overview }, null),
            _ => (m, null),
        };
    }

    private static (WizardModel, Cmd?) ToLevels(WizardModel m) =>
        m.Levels.Steps.Count > 0
            ? (m with { Screen = Screen.Levels }, null)
            : (m with { Screen = Screen.Levels, Status = "building proposals" }, WizardUpdate.UnitCmd(m, u => new Cmd.BuildProposals(u)));
}
