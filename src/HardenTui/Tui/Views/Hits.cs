using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>
/// What the mouse can do on a drawn screen, recorded by the views while they lay it out: rows (or a span of
/// columns in a row) and the messages a click and a double-click on them send, what a wheel notch sends, where the
/// text field goes while text is typed, and the scroll window for the scroll bar. Rows are screen rows.
/// A message may be a <see cref="Msg.Key"/>, so a click goes through the key tables and their refusals like the
/// key it stands for.
/// </summary>
internal sealed class Hits
{
    private readonly List<Hit> _rows = [];

    /// <summary>Added to every row the views record (the title bar sits above the screen body).</summary>
    public int Offset { get; set; }

    public IReadOnlyList<Hit> Rows => _rows;

    /// <summary>Where the text field stands while the filter, the probe or a value is edited (screen cells).</summary>
    public (int X, int Y, int Width)? Input { get; private set; }

    /// <summary>The message for a wheel turn of <c>n</c> notches (positive: down).</summary>
    public Func<int, Msg>? Wheel { get; set; }

    /// <summary>The scrolled list: its length, the rows shown, the first shown, and the screen rows it occupies.</summary>
    public (int Total, int Visible, int Start, int Top)? Scroll { get; private set; }

    /// <summary>The message that moves the scrolled list's window by <c>n</c> rows (the scroll bar was dragged).</summary>
    public Func<int, Msg>? ScrollBy { get; private set; }

    public void Row(int y, IReadOnlyList<Msg> click, IReadOnlyList<Msg>? twice = null, int fromX = 0, int toX = int.MaxValue) =>
        _rows.Add(new Hit(y + Offset, fromX, toX, click, twice ?? click));

    public void TextAt(int x, int y, int width) => Input = (x, y + Offset, width);

    public void Scrolled(int total, int visible, int start, int top, Func<int, Msg> by)
    {
        Scroll = (total, visible, start, top + Offset);
        ScrollBy = by;
    }

    /// <summary>The last hit recorded at the cell (later, narrower hits win over a whole row).</summary>
    public Hit? At(int x, int y) => _rows.LastOrDefault(h => h.Y == y && x >= h.FromX && x < h.ToX);

    public static Msg Key(string name) => new Msg.Key(new KeyPress(name));
}

internal sealed record Hit(int Y, int FromX, int ToX, IReadOnlyList<Msg> Click, IReadOnlyList<Msg> DoubleClick);
