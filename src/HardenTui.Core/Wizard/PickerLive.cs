using HardenTui.Core.Units;

namespace HardenTui.Core.Wizard;

/// <summary>
/// The picker following systemd while it is shown: a service that appears is scored and added, one that disappears
/// (unloaded) leaves the list, one whose state changes shows the new state. The highlighted row stays on its unit.
/// </summary>
public static class PickerLive
{
    public static (WizardModel Model, Cmd? Cmd) Changed(WizardModel m, ServiceEvent e)
    {
        var present = m.Picker.Services.Any(s => s.Unit == e.Unit);
        return e.Kind switch
        {
            ServiceEventKind.Appeared when !present => (m, new Cmd.LoadService(e.Unit)),
            ServiceEventKind.Disappeared when present => (m with { Picker = Keep(m.Picker, m.Picker.Services.Where(s => s.Unit != e.Unit).ToList()) }, null),
            ServiceEventKind.Changed when present && e.ActiveState is { } active => (m with
            {
                Picker = m.Picker with { Services = m.Picker.Services.Select(s => s.Unit == e.Unit ? s with { ActiveState = active } : s).ToList() },
            }, null),
            _ => (m, null),
        };
    }

    public static PickerState Upsert(PickerState p, ServiceRow row) =>
        Keep(p, p.Services.Where(s => s.Unit != row.Unit).Append(row).ToList());

    /// <summary>The new list, with the highlight kept on the unit it was on (or the nearest row if that one left).</summary>
    private static PickerState Keep(PickerState p, IReadOnlyList<ServiceRow> services)
    {
        var current = p.Current?.Unit;
        var next = p with { Services = services };
        var index = current is null ? -1 : next.Visible.ToList().FindIndex(s => s.Unit == current);
        return next with { Selected = index >= 0 ? index : Math.Clamp(p.Selected, 0, Math.Max(0, next.Visible.Count - 1)) };
    }
}
