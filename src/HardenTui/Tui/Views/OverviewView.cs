using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>Overview: unit facts, the denials a hardened unit met since its drop-in (with the relax `r` applies), then the
/// exposure rows grouped by hardening level with set/unset marks.</summary>
internal static class OverviewView
{
    public static List<string> Render(WizardModel m, Glyphs g, int height, Hits hits)
    {
        if (m.Unit is not { } u)
            return [$"[dim]loading{g.Ellipsis}[/]"];
        var lines = new List<string>
        {
            $"[bold]{Markup.Escape(u.Unit)}[/]  {Markup.Escape(u.Description)}",
            $"Type [bold]{Markup.Escape(u.Type)}[/]   User [bold]{Markup.Escape(u.User.Length == 0 ? "root (unset)" : u.User)}[/]   State [bold]{Markup.Escape(u.ActiveState)}[/]   Drop-in {(u.HasDropIn ? $"[green]{g.Set} HardenTui[/]" : "[dim]none[/]")}",
            $"Exposure {ExposureStyle.Label(u.Exposure, g)}  {ExposureStyle.Gauge(u.Exposure, 20, g)}   [dim]{u.Rows.Count(r => r.IsSet)} of {u.Rows.Count} set[/]",
            "",
        };
        var body = new List<string>();
        if (u.Denials is { Count: > 0 } denials)
        {
            body.Add($"[bold underline]Denials since the drop-in[/] [dim]{denials.Count}; r applies the first relax[/]");
            foreach (var d in denials)
                body.Add($"  [yellow]{g.Unset}[/] {Cells.Cell($"{d.Directive}= refused {d.What}", m.Width / 2 - 4, g, "bold")} " +
                    Cells.Cell(d.Relax is { } r ? $"relax: {r}" : "no relax the evidence supports", m.Width - m.Width / 2 - 2, g, d.Relax is null ? "dim" : "green"));
            body.Add("");
        }
        var nameW = Math.Clamp(m.Width * 3 / 10, 30, 44);
        var descW = m.Width - 2 - 2 - nameW - 1 - 6 - 1;
        foreach (var level in u.Rows.GroupBy(r => r.Level))
        {
            var set = level.Count(r => r.IsSet);
            body.Add($"[bold underline]{Markup.Escape(level.Key)}[/] [dim]{set}/{level.Count()} set[/]");
            foreach (var r in level.OrderBy(r => r.IsSet).ThenByDescending(r => r.Exposure))
            {
                var mark = r.IsSet ? $"[green]{g.Set}[/]" : $"[red]{g.Unset}[/]";
                var exposure = r.Exposure > 0 ? Cells.Cell($"{r.Exposure:0.0}", 5, g, "yellow", right: true) : Cells.Cell("", 5, g);
                body.Add($"  {mark} {Cells.Cell(r.Directive, nameW, g, r.IsSet ? "dim" : "bold")} {Cells.Cell(r.Description, descW, g, r.IsSet ? "dim" : null)} {exposure}");
            }
        }
        var visible = height - lines.Count;
        var start = Math.Clamp(m.Scroll, 0, Math.Max(0, body.Count - visible));
        hits.Wheel = n => new Msg.ScrollBy(3 * n);
        hits.Scrolled(body.Count, visible, start, lines.Count, n => new Msg.ScrollBy(n));
        lines.AddRange(body.Skip(start).Take(visible));
        return lines;
    }
}
