namespace HardenTui.Tui.Views;

/// <summary>
/// Every non-ASCII character the views may draw (the allowlist; no emoji: terminals disagree on their width), with the
/// ASCII stand-in used when the locale is not UTF-8.
/// </summary>
internal sealed record Glyphs(string Set, string Unset, string Arrow, string Full, string Empty, string Pointer, string Ellipsis, string Times, string Rule, string New)
{
    public static readonly Glyphs Unicode = new("✓", "✗", "→", "█", "░", "›", "…", "×", "─", "•");
    public static readonly Glyphs Ascii = new("+", "-", "->", "#", ".", ">", "...", "x", "-", "*");

    public static Glyphs For(bool unicode) => unicode ? Unicode : Ascii;

    public bool IsAscii => ReferenceEquals(this, Ascii);

    /// <summary>The corners and sides of the one framed panel (the effective unit): rounded, or ASCII.</summary>
    public (string TopLeft, string TopRight, string BottomLeft, string BottomRight, string Side) Frame =>
        IsAscii ? ("+", "+", "+", "+", "|") : ("╭", "╮", "╰", "╯", "│");

    /// <summary>The label of the arrow keys in the key bar.</summary>
    public string UpDown => IsAscii ? "up/dn" : "↑↓";
}
