using HardenTui.Core.Wizard;
using HardenTui.Tui.Views;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace HardenTui.Tui.Gui;

/// <summary>
/// The two dialogs, as Terminal.Gui dialogs over the screen. Their buttons send the same keys the key tables bind
/// (y/n, enter/esc), so the confirmation and the editor behave the same by mouse and by key.
/// </summary>
internal static class Dialogs
{
    public static Dialog ConfirmQuit(Modal.ConfirmQuit c, Theme theme, Glyphs g, Action<Msg> send)
    {
        var dialog = Frame(" quit ", theme, g);
        dialog.Add(new Label { Text = $"{c.Reason}\n\nQuit anyway?", X = 1, Y = 0 });
        dialog.AddButton(Button(" _Quit (y) ", Hits.Key("y"), send, isDefault: true));
        dialog.AddButton(Button(" _Stay (n) ", Hits.Key("n"), send));
        return dialog;
    }

    public static Dialog EditValue(Modal.EditValue e, TextField input, Theme theme, Glyphs g, Action<Msg> send, int width)
    {
        var dialog = Frame(" edit value ", theme, g);
        var inner = Math.Min(width - 8, 72);
        dialog.Add(new Label { Text = $"{e.Directive}=", X = 1, Y = 0 });
        input.SuperView?.Remove(input);
        input.X = 1;
        input.Y = 1;
        input.Width = inner;
        dialog.Add(input);
        dialog.Add(new Label { Text = "space-separated values; enter keeps, esc cancels; empty switches it off", X = 1, Y = 3, Width = inner });
        dialog.AddButton(Button(" _Keep (enter) ", Hits.Key("enter"), send, isDefault: true));
        dialog.AddButton(Button(" _Cancel (esc) ", Hits.Key("esc"), send));
        return dialog;
    }

    private static Dialog Frame(string title, Theme theme, Glyphs g)
    {
        // One light frame, no shadow: the screen's sparse look. Terminal.Gui's frames are box-drawing characters,
        // so the ASCII fallback shows none.
        var dialog = new Dialog
        {
            Title = title,
            BorderStyle = g.IsAscii ? Terminal.Gui.Drawing.LineStyle.None : Terminal.Gui.Drawing.LineStyle.Rounded,
            ShadowStyle = ShadowStyles.None,
        };
        dialog.SetScheme(theme.Dialog);
        return dialog;
    }

    private static Button Button(string text, Msg msg, Action<Msg> send, bool isDefault = false)
    {
        var button = new Button { Text = text, IsDefault = isDefault, NoDecorations = true, ShadowStyle = ShadowStyles.None };
        button.Accepting += (_, args) =>
        {
            send(msg);
            args.Handled = true;
        };
        return button;
    }
}
