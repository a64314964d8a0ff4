using Spectre.Console;

namespace HardenTui.Tui.Terminal;

/// <summary>Spectre styles as SGR escape sequences; without colour (NO_COLOR) only the decorations remain.</summary>
internal static class SgrEncoder
{
    private static readonly (Decoration Flag, int Code)[] Decorations =
    [
        (Decoration.Bold, 1), (Decoration.Dim, 2), (Decoration.Italic, 3), (Decoration.Underline, 4),
        (Decoration.SlowBlink, 5), (Decoration.Invert, 7), (Decoration.Conceal, 8), (Decoration.Strikethrough, 9),
    ];

    /// <summary>The full sequence that sets <paramref name="style"/> from a reset state ("" for the plain style).</summary>
    public static string Encode(Style style, bool color)
    {
        var codes = new List<string>();
        foreach (var (flag, code) in Decorations)
            if (style.Decoration.HasFlag(flag))
                codes.Add(code.ToString());
        if (color)
        {
            AddColor(codes, style.Foreground, 38);
            AddColor(codes, style.Background, 48);
        }
        return codes.Count == 0 ? "" : $"\u001b[{string.Join(';', codes)}m";
    }

    public static bool IsPlain(Style style, bool color) => Encode(style, color).Length == 0;

    private static readonly Dictionary<Color, int> Palette = Enumerable.Range(0, 256)
        .GroupBy(Color.FromInt32).ToDictionary(g => g.Key, g => g.First());

    private static void AddColor(List<string> codes, Color c, int layer)
    {
        if (c == Color.Default)
            return;
        if (Palette.TryGetValue(c, out var n))
            codes.Add(n < 8 ? $"{layer - 8 + n}" : n < 16 ? $"{layer + 52 + n - 8}" : $"{layer};5;{n}");
        else
            codes.Add($"{layer};2;{c.R};{c.G};{c.B}");
    }
}
