using Terminal.Gui.Input;
using Terminal.Gui.Text;
using Terminal.Gui.ViewBase;

namespace HardenTui.Tui.Views;

/// <summary>
/// One row of the screen, drawn from a markup line. Only a row whose line changed asks to be drawn again, so a
/// keystroke sends the rows it changed and nothing else (Terminal.Gui writes every cell of a view it redraws).
/// Mouse events go to <see cref="Mouse"/> with the row's index.
/// </summary>
internal sealed class LineView : View
{
    private readonly Theme _theme;
    private readonly int _row;
    private string _line = "";

    public LineView(Theme theme, int row)
    {
        _theme = theme;
        _row = row;
        Y = row;
        Width = Dim.Fill();
        Height = 1;
        CanFocus = false;
    }

    public Action<int, Mouse>? Mouse { get; set; }

    public string Line
    {
        get => _line;
        set
        {
            if (value == _line)
                return;
            _line = value;
            SetNeedsDraw();
        }
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        var x = 0;
        Move(0, 0);
        foreach (var (style, text) in Markup.Parse(_line))
        {
            if (x >= width)
                break;
            SetAttribute(_theme.Of(style));
            var fitted = Cells.Take(text, width - x);
            AddStr(fitted);
            x += Cells.Width(fitted);
        }
        SetAttribute(_theme.Of(""));
        if (x < width)
            AddStr(new string(' ', width - x));
        return true;
    }

    protected override bool OnClearingViewport() => true;

    protected override bool OnMouseEvent(Mouse mouse)
    {
        if (Mouse is null)
            return false;
        Mouse(_row, mouse);
        return true;
    }
}
