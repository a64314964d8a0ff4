using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>Apply: each step with its status; on failure the rollback, the offer to bisect, its progress and the culprit.</summary>
internal static class ApplyView
{
    public static List<string> Render(WizardModel m, Glyphs g, int height)
    {
        var a = m.Apply;
        // The second line is the unit as systemd announces it (PropertiesChanged) while it restarts.
        var lines = new List<string> { $"[bold]Applying {Markup.Escape(m.Unit?.Unit ?? "")}[/]", a.LiveText is { } live ? $"  [dim]now:[/] {Markup.Escape(live)}" : "" };
        if (a.Steps.Count == 0)
            lines.Add(a.Running || a.Bisecting
                ? $"  [dim]starting{g.Ellipsis}[/]"
                : "  [red bold]Nothing was written.[/] [dim]The reason is on the status line; esc goes back to the levels.[/]");
        foreach (var s in a.Steps)
        {
            var (mark, style) = s.Status switch
            {
                StepStatus.Done => (g.Set, "green"),
                StepStatus.Failed => (g.Unset, "red bold"),
                StepStatus.Running => (g.Pointer, "yellow bold"),
                StepStatus.Skipped => ("-", "dim"),
                _ => (" ", "dim"),
            };
            lines.Add($"  [{style}]{Markup.Escape(mark)}[/] {Cells.Cell(s.Name, 16, g, style)} {Cells.Cell(s.Detail, m.Width - 22, g, s.Status == StepStatus.Failed ? "red" : "dim")}");
        }
        lines.Add("");
        if (a.Succeeded)
            lines.Add("[green bold]The service runs with the drop-in.[/] [dim]enter returns to the services[/]");
        if (a.Failed)
            lines.Add(a.RolledBack ? "[red bold]The service failed; the drop-in was removed and the service restarted as before.[/]" : "[red bold]The service failed.[/]");
        if (a.Failed && !a.Bisecting && a.Culprit is null && a.BisectTotal == 0)
            lines.Add("[bold]b[/] bisects the directives to find the one that breaks it.");
        if (a.Bisecting || a.BisectTotal > 0)
        {
            var cells = 30;
            var filled = a.BisectTotal == 0 ? 0 : (int)Math.Round((double)a.BisectTried / a.BisectTotal * cells);
            lines.Add($"bisect [yellow]{string.Concat(Enumerable.Repeat(g.Full, filled))}[/][dim]{string.Concat(Enumerable.Repeat(g.Empty, cells - filled))}[/] {a.BisectTried}/{a.BisectTotal} tried");
        }
        if (a.Culprit is { } culprit)
            lines.Add($"culprit: [red bold]{Markup.Escape(culprit)}[/] [dim](switched off; esc to review the rest)[/]");
        return lines.Take(height).ToList();
    }
}
