// The only place that turns frames into bytes. It remembers the rows on screen and, for a new frame, emits
// cursor-position + row + erase-to-end-of-line for the rows that changed, as one string (one write). After a
// resize (or at start) every row is written. The cursor is never queried.
using System.Text;

namespace HardenTui.Tui.Terminal;

internal sealed class LineDiffRenderer
{
    private string[] _shown = [];
    private int _width = -1;

    /// <summary>Forget what is on screen; the next frame is written whole (after a resize).</summary>
    public void Invalidate() => _width = -1;

    /// <summary>The bytes that bring the screen from the last frame to <paramref name="frame"/> ("" if nothing changed).</summary>
    public string Diff(Frame frame)
    {
        var sb = new StringBuilder();
        var full = frame.Width != _width || frame.Height != _shown.Length;
        if (full)
            sb.Append("\u001b[0m\u001b[H\u001b[2J");
        for (var y = 0; y < frame.Height; y++)
        {
            var row = frame.Rows[y];
            if (!full && _shown[y] == row)
                continue;
            sb.Append("\u001b[").Append(y + 1).Append(";1H").Append(row);
            if (VisibleCells(row) < frame.Width)
                sb.Append("\u001b[K");
        }
        _shown = [.. frame.Rows];
        _width = frame.Width;
        return sb.ToString();
    }

    /// <summary>A row written full width must not be followed by EL: in the pending-wrap state EL would erase the last cell.</summary>
    private static int VisibleCells(string row) => Spectre.Console.Rendering.Segment.CellCount(
        [new Spectre.Console.Rendering.Segment(StripEscapes(row))]);

    internal static string StripEscapes(string row)
    {
        var sb = new StringBuilder(row.Length);
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\u001b')
            {
                i++;
                while (i < row.Length && !char.IsAsciiLetter(row[i]))
                    i++;
                continue;
            }
            sb.Append(row[i]);
        }
        return sb.ToString();
    }
}
