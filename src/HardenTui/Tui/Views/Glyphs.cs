namespace HardenTui.Tui.Views;

/// <summary>
/// Every non-ASCII character the views may draw (the allowlist; no emoji: Spectre 0.49 mis-measures them), with the
/// ASCII stand-in used when the locale is not UTF-8.
/// </summary>
internal sealed record Glyphs(string Set, string Unset, string Arrow, string Full, string Empty, string Pointer, string Ellipsis, string Times, string Rule, string New)
{
    public static readonly Glyphs Unicode = new("✓", "✗", "→", "█", "░", "›", "…", "×", "─", "•");
    public static readonly Glyphs Ascii = new("+", "-", "->", "#", ".", ">", "...", "x", "-", "*");

    public static Glyphs For(bool unicode) => unicode ? Unicode : Ascii;

    public Spectre.Console.BoxBorder Box => ReferenceEquals(this, Ascii) ? Spectre.Console.BoxBorder.Ascii : Spectre.Console.BoxBorder.Rounded;

    /// <summary>The label of the arrow keys in the key bar.</summary>
    public string UpDown => ReferenceEquals(this, Ascii) ? "up/dn" : "↑↓";
}
