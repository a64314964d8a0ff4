using HardenTui.Core.Wizard;
using System.Text;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace HardenTui.Tui.Gui;

/// <summary>Terminal.Gui's keys as the wizard's canonical key names (Core's key tables speak these).</summary>
internal static class KeyInput
{
    public static KeyPress? From(Key key)
    {
        if (key.IsCtrl && key.NoCtrl == Key.C)
            return new KeyPress("ctrl+c");
        if (key.IsCtrl || key.IsAlt)
            return null;
        var name = key.KeyCode switch
        {
            KeyCode.CursorUp => "up",
            KeyCode.CursorDown => "down",
            KeyCode.CursorLeft => "left",
            KeyCode.CursorRight => "right",
            KeyCode.Enter => "enter",
            KeyCode.Esc => "esc",
            KeyCode.Tab when key.IsShift => "backtab",
            KeyCode.Tab => "tab",
            KeyCode.Space => "space",
            KeyCode.Backspace => "backspace",
            KeyCode.PageUp => "pgup",
            KeyCode.PageDown => "pgdn",
            KeyCode.Home => "home",
            KeyCode.End => "end",
            _ => null,
        };
        if (name is not null)
            return new KeyPress(name);
        var rune = key.AsRune;
        return rune.Value == 0 || Rune.IsControl(rune) || rune.Utf16SequenceLength != 1 ? null : KeyPress.Of((char)rune.Value);
    }

    /// <summary>A wizard key name as a Terminal.Gui key (tests and the key bar send keys this way).</summary>
    public static Key ToKey(string name) => name switch
    {
        "up" => Key.CursorUp,
        "down" => Key.CursorDown,
        "left" => Key.CursorLeft,
        "right" => Key.CursorRight,
        "enter" => Key.Enter,
        "esc" => Key.Esc,
        "tab" => Key.Tab,
        "backtab" => Key.Tab.WithShift,
        "space" => Key.Space,
        "backspace" => Key.Backspace,
        "pgup" => Key.PageUp,
        "pgdn" => Key.PageDown,
        "home" => Key.Home,
        "end" => Key.End,
        "ctrl+c" => Key.C.WithCtrl,
        _ => new Key(name[0]),
    };
}
