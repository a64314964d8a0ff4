namespace HardenTui.Core.Wizard;

/// <summary>
/// One key as the wizard sees it, by canonical name: "up", "down", "left", "right", "enter", "esc", "tab",
/// "backtab", "space", "backspace", "pgup", "pgdn", "home", "end", "ctrl+c", or the printable character itself.
/// </summary>
public sealed record KeyPress(string Name)
{
    public bool IsPrintable => Name.Length == 1 && !char.IsControl(Name[0]);

    public static KeyPress Of(char c) => c == ' ' ? new("space") : new(c.ToString());

    public override string ToString() => Name;
}
