using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Terminal;

/// <summary>Console keys as the wizard's canonical key names.</summary>
internal static class KeyNames
{
    public static KeyPress? From(ConsoleKeyInfo info)
    {
        if (info.Modifiers.HasFlag(ConsoleModifiers.Control) && info.Key == ConsoleKey.C)
            return new KeyPress("ctrl+c");
        if (info.KeyChar == '\u0003')
            return new KeyPress("ctrl+c");
        var name = info.Key switch
        {
            ConsoleKey.UpArrow => "up",
            ConsoleKey.DownArrow => "down",
            ConsoleKey.LeftArrow => "left",
            ConsoleKey.RightArrow => "right",
            ConsoleKey.Enter => "enter",
            ConsoleKey.Escape => "esc",
            ConsoleKey.Tab when info.Modifiers.HasFlag(ConsoleModifiers.Shift) => "backtab",
            ConsoleKey.Tab => "tab",
            ConsoleKey.Spacebar => "space",
            ConsoleKey.Backspace => "backspace",
            ConsoleKey.PageUp => "pgup",
            ConsoleKey.PageDown => "pgdn",
            ConsoleKey.Home => "home",
            ConsoleKey.End => "end",
            _ => null,
        };
        if (name is not null)
            return new KeyPress(name);
        return info.KeyChar is '\0' || char.IsControl(info.KeyChar) ? null : KeyPress.Of(info.KeyChar);
    }
}
