using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>`?`: every binding of the current screen and the global ones, with why a key is unavailable right now.</summary>
internal static class HelpView
{
    public static List<string> Render(WizardModel m, Glyphs g, int width, int height)
    {
        var underlying = m with { Modal = null };
        var layers = KeyTables.Layers(underlying);
        var lines = new List<string> { "[bold]Keys[/] [dim](esc closes)[/]", "" };
        foreach (var layer in layers)
        {
            lines.Add($"[bold underline]{Markup.Escape(layer.Name)}[/]");
            foreach (var b in layer.Bindings)
            {
                var reason = b.WhyDisabled(underlying);
                var keys = Cells.Cell(b.KeyLabel, 16, g, reason is null ? "bold" : "dim");
                var help = Cells.Cell(b.Help, 18, g);
                var why = reason is null ? "" : Cells.Cell($"({reason})", Math.Max(0, width - 40), g, "dim");
                lines.Add($"  {keys} {help} {why}");
            }
            lines.Add("");
        }
        return lines.Take(height).ToList();
    }
}
