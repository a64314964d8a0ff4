using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>Trace: method choice (with why others are off), probe, progress, live syscall bars and new findings.</summary>
internal static class TraceView
{
    public static List<string> Render(WizardModel m, Glyphs g, int height, Hits hits)
    {
        var t = m.Trace;
        var lines = new List<string> { "[bold]Method[/]" };
        if (t.Methods.Count == 0)
            lines.Add($"  [dim]looking for trace methods{g.Ellipsis}[/]");
        for (var i = 0; i < t.Methods.Count; i++)
        {
            var method = t.Methods[i];
            var chosen = i == t.Method;
            var pointer = chosen ? $"[bold]{g.Pointer}[/]" : " ";
            var name = Cells.Cell(method.Name, 16, g, method.Enabled ? (chosen ? "bold reverse" : "bold") : "dim strikethrough");
            // Why a method is off is worth a second line; a description is not.
            var note = method.DisabledReason is { } why ? LevelsView.Wrap(why, m.Width - 21).ToList() : [method.Description];
            if (note.Count > 2)
                note = [note[0], string.Join(' ', note.Skip(1))];
            hits.Row(lines.Count, [new Msg.Select(i)], toX: 20);
            lines.Add($" {pointer} {name} {Cells.Cell(note[0], m.Width - 21, g, "dim")}");
            if (note.Count > 1)
                lines.Add($"{new string(' ', 20)} {Cells.Cell(note[1], m.Width - 21, g, "dim")}");
        }
        var probe = t.Probe.Length == 0 && !t.EditingProbe ? "[dim]none (p to set, e.g. curl -fsS http://localhost/)[/]" : Markup.Escape(t.Probe);
        if (t.EditingProbe)
            hits.TextAt(7, lines.Count, m.Width - 8);
        lines.Add($"[bold]Probe[/]  {probe}");
        lines.Add(Progress(t, m.Width, g));
        lines.Add("");
        var rest = height - lines.Count;
        var leftW = Math.Min(50, m.Width / 2);
        var left = Histogram(t.Findings, leftW, rest, g);
        var right = Items(t.Findings, m.Width - leftW - 1, rest, g);
        for (var i = 0; i < rest; i++)
            lines.Add($"{(i < left.Count ? left[i] : new string(' ', leftW))} {(i < right.Count ? right[i] : "")}");
        return lines;
    }

    private static string Progress(TraceState t, int width, Glyphs g)
    {
        var state = t.Running ? "[green bold]tracing[/]" : t.Finished ? "[bold]finished[/]" : "[dim]not started[/]";
        var cells = Math.Max(10, width - 52);
        var filled = t.Seconds <= 0 ? 0 : (int)Math.Round(Math.Clamp(t.Elapsed / t.Seconds, 0, 1) * cells);
        var bar = $"[green]{string.Concat(Enumerable.Repeat(g.Full, filled))}[/][dim]{string.Concat(Enumerable.Repeat(g.Empty, cells - filled))}[/]";
        return $"{state} {t.Elapsed,4:0}s / {t.Seconds}s {bar} {t.Findings.EventCount,8:N0} events";
    }

    private static List<string> Histogram(FindingsView f, int width, int rows, Glyphs g)
    {
        var lines = new List<string> { Cells.Cell($"syscalls ({f.Syscalls.Count})", width, g, "bold") };
        var top = f.Syscalls.OrderByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal).Take(rows - 1).ToList();
        var max = top.Count == 0 ? 1 : top.Max(s => s.Count);
        var barW = width - 16 - 8 - 2;
        foreach (var s in top)
        {
            var n = (int)Math.Ceiling((double)s.Count / max * barW);
            var bar = string.Concat(Enumerable.Repeat(g.Full, n)).PadRight(barW);
            var style = s.IsNew ? "green bold" : null;
            lines.Add($"{Cells.Cell(s.Name, 16, g, style)} {Cells.Cell(s.Count.ToString("N0"), 7, g, right: true)} [{(s.IsNew ? "green" : "blue")}]{Markup.Escape(bar)}[/] ");
        }
        return lines;
    }

    private static List<string> Items(FindingsView f, int width, int rows, Glyphs g)
    {
        var sections = new (string Title, IReadOnlyList<TraceItem> Items)[]
        {
            ("executed and mapped", f.Executed), ("written", f.Written), ("sockets and ports", f.Sockets), ("capabilities", f.Capabilities),
        };
        var per = Math.Max(1, rows / sections.Length - 1);
        var lines = new List<string>();
        foreach (var (title, items) in sections)
        {
            lines.Add(Cells.Cell($"{title} ({items.Count})", width, g, "bold"));
            var shown = items.OrderByDescending(i => i.IsNew).Take(per).ToList();
            lines.AddRange(shown.Select(i => i.IsNew
                ? $"[green bold]{g.New}[/] {Cells.Cell(i.Text, width - 2, g, "green")}"
                : $"  {Cells.Cell(i.Text, width - 2, g)}"));
            for (var k = shown.Count; k < per; k++)
                lines.Add("");
        }
        return lines;
    }
}
