using HardenTui.Core.Wizard;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HardenTui.Tui.Views;

/// <summary>The dialogs: confirm quit, edit a list value, and the effective unit text.</summary>
internal static class DialogView
{
    public static IRenderable Confirm(string reason, Glyphs g) =>
        Centered(new Panel(new Markup($"{Markup.Escape(reason)}\n\n[bold]Quit anyway?[/]  [bold reverse] y [/] quit   [bold reverse] n [/] stay"))
            .Header(" quit ").Border(g.Box).Padding(2, 1));

    public static IRenderable Edit(Modal.EditValue e, Glyphs g, int width) =>
        Centered(new Panel(new Markup(
                $"[bold]{Markup.Escape(e.Directive)}=[/]\n{Markup.Escape(e.Buffer)}[reverse] [/]\n\n[dim]space-separated values; enter keeps, esc cancels; empty switches it off[/]"))
        {
            Header = new PanelHeader(" edit value "),
            Border = g.Box,
            Padding = new Padding(1, 0),
            Width = Math.Min(width - 4, 76),
        });

    public static IRenderable Effective(WizardModel m, int offset, Glyphs g, int height)
    {
        var text = m.Unit?.EffectiveText ?? "";
        var lines = text.Split('\n');
        var start = Math.Clamp(offset, 0, Math.Max(0, lines.Length - (height - 2)));
        var shown = lines.Skip(start).Take(height - 2).Select(l => new Markup(Style(l, m.Width - 4, g)));
        return new Panel(new Rows(shown)).Header($" systemctl cat {Markup.Escape(m.Unit?.Unit ?? "")} ").Border(g.Box).Expand();
    }

    private static string Style(string line, int width, Glyphs g) =>
        line.StartsWith('#') ? Cells.Cell(line, width, g, "dim")
        : line.StartsWith('[') ? Cells.Cell(line, width, g, "bold")
        : Cells.Cell(line, width, g);

    private static IRenderable Centered(IRenderable inner) => new Rows(new Text(""), new Text(""), Align.Center(inner));
}
