using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>The effective unit text (`systemctl cat`), framed, scrolled by the modal's offset.</summary>
internal static class EffectiveView
{
    public static List<string> Render(WizardModel m, int offset, Glyphs g, int height, Hits hits)
    {
        var text = m.Unit?.EffectiveText ?? "";
        var lines = text.Split('\n');
        var inner = m.Width - 4;
        var rows = height - 2;
        var start = Math.Clamp(offset, 0, Math.Max(0, lines.Length - rows));
        var f = g.Frame;
        var title = $" systemctl cat {m.Unit?.Unit ?? ""} ";
        var top = $"{f.TopLeft}{g.Rule}{Markup.Escape(title)}{string.Concat(Enumerable.Repeat(g.Rule, Math.Max(0, m.Width - 3 - Cells.Width(title))))}{f.TopRight}";
        var result = new List<string> { top };
        result.AddRange(lines.Skip(start).Take(rows).Select(l => $"{f.Side} {Style(l, inner, g)} {f.Side}"));
        while (result.Count < height - 1)
            result.Add($"{f.Side}{new string(' ', m.Width - 2)}{f.Side}");
        result.Add($"{f.BottomLeft}{string.Concat(Enumerable.Repeat(g.Rule, m.Width - 2))}{f.BottomRight}");
        hits.Wheel = n => new Msg.ScrollBy(3 * n);
        hits.Scrolled(lines.Length, rows, start, 1, n => new Msg.ScrollBy(n));
        return result;
    }

    private static string Style(string line, int width, Glyphs g) =>
        line.StartsWith('#') ? Cells.Cell(line, width, g, "dim")
        : line.StartsWith('[') ? Cells.Cell(line, width, g, "bold")
        : Cells.Cell(line, width, g);
}
