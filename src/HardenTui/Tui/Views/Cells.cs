using Spectre.Console;
using Spectre.Console.Rendering;

namespace HardenTui.Tui.Views;

/// <summary>Fixed-width cells for list rows: user text is cut to a width (with an ellipsis) and escaped for markup.</summary>
internal static class Cells
{
    public static int Width(string text) => new Segment(text).CellCount();

    /// <summary>Text cut or padded to exactly <paramref name="width"/> cells; not escaped.</summary>
    public static string Fit(string text, int width, Glyphs g, bool right = false)
    {
        if (width <= 0)
            return "";
        text = text.ReplaceLineEndings(" ");
        if (Width(text) > width)
        {
            var keep = width - Width(g.Ellipsis);
            var cut = "";
            foreach (var ch in text)
            {
                if (Width(cut + ch) > keep)
                    break;
                cut += ch;
            }
            text = keep > 0 ? cut + g.Ellipsis : text[..width];
        }
        var pad = new string(' ', Math.Max(0, width - Width(text)));
        return right ? pad + text : text + pad;
    }

    /// <summary><see cref="Fit"/>, escaped for markup and optionally wrapped in a style.</summary>
    public static string Cell(string text, int width, Glyphs g, string? style = null, bool right = false)
    {
        var escaped = Markup.Escape(Fit(text, width, g, right));
        return string.IsNullOrEmpty(style) ? escaped : $"[{style}]{escaped}[/]";
    }

    /// <summary>The start of a window of <paramref name="visible"/> rows that keeps <paramref name="selected"/> in view.</summary>
    public static int WindowStart(int selected, int count, int visible)
    {
        if (count <= visible)
            return 0;
        return Math.Clamp(selected - visible / 2, 0, count - visible);
    }

    /// <summary>Markup lines stacked as rows; an empty line keeps its row (an empty Markup would take none).</summary>
    public static Rows Block(IEnumerable<string> lines) => new(lines.Select(l => new Markup(l.Length == 0 ? " " : l)));
}
