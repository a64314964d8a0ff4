using Terminal.Gui.Text;

namespace HardenTui.Tui.Views;

/// <summary>Fixed-width cells for list rows: user text is cut to a width (with an ellipsis) and escaped for markup.</summary>
internal static class Cells
{
    /// <summary>Cells the text takes on screen (printable ASCII: one a character, the common case, counted fast).</summary>
    public static int Width(string text)
    {
        foreach (var c in text)
            if (c is < ' ' or > '~')
                return Columns(text);
        return text.Length;
    }

    private static int Columns(string text)
    {
        var columns = 0;
        foreach (var rune in text.EnumerateRunes())
            columns += Columns(rune);
        return columns;
    }

    private static readonly sbyte[] Bmp = new sbyte[0x10000];

    /// <summary>Terminal.Gui's width of a character, remembered per BMP character (its lookup is slow in a hot loop).</summary>
    public static int Columns(System.Text.Rune rune)
    {
        if (rune.Value >= Bmp.Length)
            return Math.Max(0, rune.GetColumns());
        var known = Bmp[rune.Value];
        if (known == 0)
            Bmp[rune.Value] = known = (sbyte)(Math.Max(0, rune.GetColumns()) + 1);
        return known - 1;
    }

    /// <summary>Text cut or padded to exactly <paramref name="width"/> cells; not escaped.</summary>
    public static string Fit(string text, int width, Glyphs g, bool right = false)
    {
        if (width <= 0)
            return "";
        text = text.ReplaceLineEndings(" ");
        if (Width(text) > width)
        {
            var keep = width - Width(g.Ellipsis);
            text = keep > 0 ? Take(text, keep) + g.Ellipsis : Take(text, width);
        }
        var pad = new string(' ', Math.Max(0, width - Width(text)));
        return right ? pad + text : text + pad;
    }

    /// <summary>The longest start of <paramref name="text"/> that fits in <paramref name="columns"/> cells.</summary>
    public static string Take(string text, int columns)
    {
        if (Width(text) <= columns)
            return text;
        var cut = new System.Text.StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = Columns(rune);
            if (used + w > columns)
                break;
            cut.Append(rune.ToString());
            used += w;
        }
        return cut.ToString();
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
}
