using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>Service picker: every service, worst exposure first, with state, gauge, drop-in mark and the denials a hardened
/// one met since (the watch's count); `/` filters.</summary>
internal static class PickerView
{
    public static List<string> Render(WizardModel m, Glyphs g, int height, Hits hits)
    {
        var p = m.Picker;
        var rows = p.Visible;
        const int others = 2 + 1 + 9 + 1 + 14 + 11 + 8 + 7;
        var longest = p.Services.Select(s => Cells.Width(Name(s.Unit))).DefaultIfEmpty(16).Max();
        var unitW = Math.Clamp(longest, 16, Math.Max(16, Math.Min(40, m.Width - others - 12)));
        var fixedW = others + unitW;
        var descW = m.Width - fixedW - 1; // the last column is the scroll bar's
        var filterW = FilterWidth(m.Width);
        if (p.Filtering)
            hits.TextAt(1, 0, filterW);
        var filter = p.Filtering
            ? $"[bold]/[/]{Cells.Cell(p.Filter, filterW, g)}  [dim]{rows.Count} of {p.Services.Count}[/]"
            : p.Filter.Length > 0
                ? $"[bold]/[/]{Markup.Escape(p.Filter)}  [dim]{rows.Count} of {p.Services.Count}[/]"
                : $"[dim]{p.Services.Count} services, worst first   / filters[/]";
        var lines = new List<string>
        {
            filter,
            $"[bold]  {Cells.Cell("UNIT", unitW, g)} {Cells.Cell("STATE", 9, g)} {Cells.Cell("EXPOSURE", 14, g)}{Cells.Cell("", 11, g)}{Cells.Cell("DROP-IN", 8, g)}{Cells.Cell("DENIED", 7, g)}{Cells.Cell(descW > 8 ? "DESCRIPTION" : "", Math.Max(0, descW), g)}[/]",
        };
        if (p.Loading)
            lines.Add($"  [dim]listing services{g.Ellipsis}[/]");
        else if (rows.Count == 0)
            lines.Add(p.Services.Count == 0 ? "  [dim]no services found[/]" : "  [dim]nothing matches the filter[/]");
        var visible = height - lines.Count;
        var selected = WizardUpdate.Clamp(p.Selected, rows.Count);
        var start = Cells.WindowStart(selected, rows.Count, visible);
        hits.Wheel = n => new Msg.Move(n);
        hits.Scrolled(rows.Count, visible, start, lines.Count, n => new Msg.Move(n));
        for (var i = start; i < Math.Min(rows.Count, start + visible); i++)
        {
            hits.Row(lines.Count, [new Msg.Select(i)], [new Msg.Select(i), Hits.Key("enter")]);
            lines.Add(Row(rows[i], i == selected, unitW, descW, g));
        }
        return lines;
    }

    /// <summary>The filter's text field: room for a long name, and for the count after it.</summary>
    public static int FilterWidth(int width) => Math.Clamp(width - 20, 10, 40);

    /// <summary>Every row is a service, so the suffix says nothing; templates and other types keep theirs.</summary>
    private static string Name(string unit) => unit.EndsWith(".service", StringComparison.Ordinal) ? unit[..^8] : unit;

    private static string Row(ServiceRow s, bool selected, int unitW, int descW, Glyphs g)
    {
        var pointer = selected ? $"[bold]{g.Pointer}[/] " : "  ";
        var unit = Cells.Cell(Name(s.Unit), unitW, g, selected ? "bold reverse" : "bold");
        var stateStyle = s.ActiveState switch { "active" => "green", "failed" => "red", _ => "dim" };
        var state = Cells.Cell(s.ActiveState, 9, g, stateStyle);
        var exposure = s.Exposure is { } e
            ? $"[{ExposureStyle.Color(e)}]{Markup.Escape(Cells.Fit($"{e:0.0} {ExposureStyle.Predicate(e)}", 14, g))}[/]"
            : Cells.Cell(g.Ellipsis, 14, g, "dim");
        var gauge = ExposureStyle.Gauge(s.Exposure, 10, g) + " ";
        var dropIn = s.HasDropIn ? Cells.Cell(g.Set + " ours", 8, g, "green") : Cells.Cell("", 8, g);
        var denied = s.Denials > 0 ? Cells.Cell($"{s.Denials} {g.Unset}", 7, g, "bold yellow") : Cells.Cell(s.HasDropIn ? "0" : "", 7, g, "dim");
        var desc = descW > 8 ? Cells.Cell(s.Description, descW, g, "dim") : "";
        return $"{pointer}{unit} {state} {exposure}{gauge}{dropIn}{denied}{desc}";
    }
}
