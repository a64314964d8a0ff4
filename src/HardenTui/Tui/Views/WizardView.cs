using HardenTui.Core.Wizard;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HardenTui.Tui.Views;

/// <summary>
/// The whole screen for a model: title bar, the current screen (or a dialog), the status line and the key bar.
/// Pure: reads the model only.
/// </summary>
internal static class WizardView
{
    public static IRenderable Render(WizardModel m, Glyphs g)
    {
        if (m.TooSmall)
            return new Markup(Markup.Escape($"HardenTui needs at least {WizardModel.MinWidth}{g.Times}{WizardModel.MinHeight}; this terminal is {m.Width}{g.Times}{m.Height}. Enlarge it, or press q to quit."));
        var bodyHeight = m.Height - 3;
        var body = m.Modal switch
        {
            Modal.Help => HelpView.Render(m, g, m.Width, bodyHeight),
            Modal.ConfirmQuit c => DialogView.Confirm(c.Reason, g),
            Modal.EditValue e => DialogView.Edit(e, g, m.Width),
            Modal.EffectiveUnit e => DialogView.Effective(m, e.Offset, g, bodyHeight),
            _ => Screen(m, g, bodyHeight),
        };
        return new Layout().SplitRows(
            new Layout(TitleBar(m, g)).Size(1),
            new Layout(body).Size(bodyHeight),
            new Layout(StatusLine(m, g)).Size(1),
            new Layout(KeyBar.Render(m, g)).Size(1));
    }

    private static IRenderable Screen(WizardModel m, Glyphs g, int height) => m.Screen switch
    {
        Core.Wizard.Screen.Picker => PickerView.Render(m, g, height),
        Core.Wizard.Screen.Overview => OverviewView.Render(m, g, height),
        Core.Wizard.Screen.Trace => TraceView.Render(m, g, height),
        Core.Wizard.Screen.Levels => LevelsView.Render(m, g, height),
        Core.Wizard.Screen.Review => ReviewView.Render(m, g, height),
        _ => ApplyView.Render(m, g, height),
    };

    private static IRenderable TitleBar(WizardModel m, Glyphs g)
    {
        var steps = new[] { Core.Wizard.Screen.Overview, Core.Wizard.Screen.Trace, Core.Wizard.Screen.Levels, Core.Wizard.Screen.Review, Core.Wizard.Screen.Apply };
        var crumbs = m.Screen == Core.Wizard.Screen.Picker
            ? "services"
            : string.Join($" {g.Pointer} ", steps.Select(s => s == m.Screen ? $"[bold underline]{s.ToString().ToLowerInvariant()}[/]" : $"[dim]{s.ToString().ToLowerInvariant()}[/]"));
        var unit = m.Screen == Core.Wizard.Screen.Picker || m.Unit is null ? "" : $"  [bold]{Markup.Escape(m.Unit.Unit)}[/]";
        var left = $"[bold blue]HardenTui[/]{unit}  {crumbs}";
        var right = m.IsRoot ? "[dim]root[/]" : "[yellow]read-only[/]";
        return new Columns(new Markup(left), new Markup(right).RightJustified()) { Expand = true };
    }

    private static IRenderable StatusLine(WizardModel m, Glyphs g)
    {
        var text = m.Status.Length > 0 ? m.Status : !m.IsRoot ? WizardModel.ReadOnlyNote : "";
        var style = m.Status.Length > 0 ? "yellow" : "dim";
        return new Markup(Cells.Cell(text, m.Width, g, style));
    }
}
