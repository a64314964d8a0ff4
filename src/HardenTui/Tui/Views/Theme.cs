using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace HardenTui.Tui.Views;

/// <summary>
/// Markup styles as Terminal.Gui attributes, and the schemes for Terminal.Gui's own views (text field, dialog,
/// buttons). Colours are the terminal's 16 named ones and its default foreground and background, written as palette
/// codes on 16-, 256- and true-colour terminals alike (the root forces Terminal.Gui's 16-colour output), so they are
/// the user's own palette. Without colour (NO_COLOR) every attribute keeps only its text style: Terminal.Gui alone
/// would still send colours.
/// </summary>
internal sealed class Theme
{
    private readonly Dictionary<string, Attribute> _cache = [];

    public Theme(bool color)
    {
        Color = color;
        var normal = Of("");
        var focus = Of("reverse");
        Base = new Scheme(normal)
        {
            Focus = focus,
            HotNormal = Of("bold"),
            HotFocus = Of("bold reverse"),
            Active = focus,
            HotActive = Of("bold reverse"),
            Highlight = Of("bold"),
            Editable = Of("underline"),
            ReadOnly = Of("dim"),
            Disabled = Of("dim"),
        };
        Dialog = new Scheme(normal)
        {
            Focus = Of("bold reverse"),
            HotNormal = Of("bold"),
            HotFocus = Of("bold reverse"),
            Active = Of("bold reverse"),
            HotActive = Of("bold reverse"),
            Highlight = Of("bold"),
            Editable = Of("underline"),
            ReadOnly = Of("dim"),
            Disabled = Of("dim"),
        };
    }

    public bool Color { get; }

    /// <summary>The scheme of the screen and its text fields: terminal colours, focus in reverse video.</summary>
    public Scheme Base { get; }

    /// <summary>The dialogs' scheme: the same, with the default button in bold reverse.</summary>
    public Scheme Dialog { get; }

    public Attribute Of(string style)
    {
        if (_cache.TryGetValue(style, out var cached))
            return cached;
        var text = TextStyle.None;
        Color? fg = null;
        foreach (var word in style.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (word)
            {
                case "bold": text |= TextStyle.Bold; break;
                case "dim": text |= TextStyle.Faint; break;
                case "italic": text |= TextStyle.Italic; break;
                case "underline": text |= TextStyle.Underline; break;
                case "reverse": text |= TextStyle.Reverse; break;
                case "strikethrough": text |= TextStyle.Strikethrough; break;
                case "default": fg = null; break;
                default:
                    if (Enum.TryParse<ColorName16>(word, ignoreCase: true, out var name))
                        fg = new Color(name);
                    break;
            }
        }
        var attribute = new Attribute(Color && fg is { } f ? f : Terminal.Gui.Drawing.Color.None, Terminal.Gui.Drawing.Color.None, text);
        _cache[style] = attribute;
        return attribute;
    }
}
