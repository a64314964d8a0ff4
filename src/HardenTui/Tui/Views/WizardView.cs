using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>
/// The whole screen for a model as markup lines, one per row: title bar, the current screen (or the help or
/// effective-unit panel), the status line and the key bar; the mouse targets are recorded into the hits. Pure:
/// reads the model only. The quit and edit-value dialogs are Terminal.Gui dialogs over this (see WizardRoot).
/// </summary>
internal static class WizardView
{
    public static List<string> Render(WizardModel m, Glyphs g, Hits hits)
    {
        if (m.TooSmall)
            // Wrapped to the width it has: one line was cut at "Enlarge it, or" on a 70-column terminal.
            return [.. LevelsView.Wrap($"HardenTui needs at least {WizardModel.MinWidth}{g.Times}{WizardModel.MinHeight}; this terminal is {m.Width}{g.Times}{m.Height}. Enlarge it, or press q to quit.",
                Math.Max(m.Width, 1)).Select(Markup.Escape)];
        var bodyHeight = m.Height - 3;
        hits.Offset = 1;
        var body = m.Modal switch
        {
            Modal.Help => HelpView.Render(m, g, m.Width, bodyHeight),
            Modal.EffectiveUnit e => EffectiveView.Render(m, e.Offset, g, bodyHeight, hits),
            _ => Screen(m with { Modal = null }, g, bodyHeight, hits),
        };
        hits.Offset = 0;
        var lines = new List<string>(m.Height) { TitleBar(m, g) };
        lines.AddRange(body.Take(bodyHeight));
        while (lines.Count < m.Height - 2)
            lines.Add("");
        lines.Add(StatusLine(m, g));
        lines.Add(KeyBar.Render(m, g, m.Height - 1, hits));
        return lines;
    }

    private static List<string> Screen(WizardModel m, Glyphs g, int height, Hits hits) => m.Screen switch
    {
        Core.Wizard.Screen.Picker => PickerView.Render(m, g, height, hits),
        Core.Wizard.Screen.Overview => OverviewView.Render(m, g, height, hits),
        Core.Wizard.Screen.Trace => TraceView.Render(m, g, height, hits),
        Core.Wizard.Screen.Levels => LevelsView.Render(m, g, height, hits),
        Core.Wizard.Screen.Review => ReviewView.Render(m, g, height, hits),
        _ => ApplyView.Render(m, g, height),
    };

    private static string TitleBar(WizardModel m, Glyphs g)
    {
        var steps = new[] { Core.Wizard.Screen.Overview, Core.Wizard.Screen.Trace, Core.Wizard.Screen.Levels, Core.Wizard.Screen.Review, Core.Wizard.Screen.Apply };
        var crumbs = m.Screen == Core.Wizard.Screen.Picker
            ? "services"
            : string.Join($" {g.Pointer} ", steps.Select(s => s == m.Screen ? $"[bold underline]{s.ToString().ToLowerInvariant()}[/]" : $"[dim]{s.ToString().ToLowerInvariant()}[/]"));
        var unit = m.Screen == Core.Wizard.Screen.Picker || m.Unit is null ? "" : $"  [bold]{Markup.Escape(m.Unit.Unit)}[/]";
        var left = $"[bold blue]HardenTui[/]{unit}  {crumbs}";
        var right = m.IsRoot ? "[dim]root[/]" : "[yellow]read-only[/]";
        var pad = m.Width - Cells.Width(Markup.Plain(left)) - Cells.Width(Markup.Plain(right));
        return left + new string(' ', Math.Max(1, pad)) + right;
    }

    private static string StatusLine(WizardModel m, Glyphs g)
    {
        var text = m.Status.Length > 0 ? m.Status : !m.IsRoot ? WizardModel.ReadOnlyNote : "";
        var style = m.Status.Length > 0 ? "yellow" : "dim";
        return Cells.Cell(text, m.Width, g, style);
    }
}
