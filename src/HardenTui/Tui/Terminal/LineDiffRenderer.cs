// The only place that turns frames into bytes. It remembers the rows on screen and, for a new frame, emits
// cursor-position + row + erase-to-end-of-line for the rows that changed, as one string (one write). A changed
// row is written from the first cell that differs (the style in force there is re-sent), so a pane on the right
// that changes costs only its own cells. After a resize (or at start) every row is written. The cursor is never
// queried.
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
            var (from, column, style) = full ? (0, 0, "") : FirstChange(_shown[y], row);
            sb.Append("\u001b[").Append(y + 1).Append(';').Append(column + 1).Append('H');
            if (style.Length > 0)
                sb.Append(style);
            if (!full && UnchangedTail(_shown[y], row, from) is { } to)
            {
                sb.Append(row, from, to - from).Append("\u001b[0m");
                continue;
            }
            sb.Append(row, from, row.Length - from);
            if (VisibleCells(row) < frame.Width)
                sb.Append("\u001b[K");
        }
        _shown = [.. frame.Rows];
        _width = frame.Width;
        return sb.ToString();
    }

    /// <summary>
    /// Where <paramref name="next"/> starts to differ from <paramref name="shown"/>: the index in the string (never
    /// inside an escape sequence), the screen column there, and the SGR sequences in force at that point.
    /// </summary>
    internal static (int Index, int Column, string Style) FirstChange(string shown, string next)
    {
        var limit = Math.Min(shown.Length, next.Length);
        int i = 0, column = 0, safeIndex = 0, safeColumn = 0;
        var style = new StringBuilder();
        var safeStyle = "";
        while (i < limit && shown[i] == next[i])
        {
            if (next[i] == '\u001b')
            {
                var end = i + 1;
                while (end < next.Length && !char.IsAsciiLetter(next[end]))
                    end++;
                if (end >= limit || shown.AsSpan(i, end - i + 1).SequenceEqual(next.AsSpan(i, end - i + 1)) == false)
                    break;
                var sequence = next[i..(end + 1)];
                if (sequence == "\u001b[0m")
                    style.Clear();
                else
                    style.Append(sequence);
                i = end + 1;
            }
            else
            {
                column += char.IsHighSurrogate(next[i]) ? 0 : Spectre.Console.Rendering.Segment.CellCount([new Spectre.Console.Rendering.Segment(next[i].ToString())]);
                i++;
            }
            if (i < next.Length && char.IsLowSurrogate(next[i]))
                continue;
            (safeIndex, safeColumn, safeStyle) = (i, column, style.ToString());
        }
        return (safeIndex, safeColumn, safeStyle);
    }

    /// <summary>
    /// Where the unchanged end of the row begins in <paramref name="next"/>, when it sits on the same screen cells as
    /// in <paramref name="shown"/> (then only the middle is written); null otherwise.
    /// </summary>
    internal static int? UnchangedTail(string shown, string next, int from)
    {
        var tail = 0;
        while (tail < shown.Length - from && tail < next.Length - from && shown[^(tail + 1)] == next[^(tail + 1)])
            tail++;
        var start = next.Length - tail;
        // The tail must not begin inside an escape sequence or a surrogate pair.
        var escape = next.LastIndexOf('\u001b', Math.Max(0, start - 1));
        if (escape >= 0 && escape >= from && !next.AsSpan(escape + 1, Math.Max(0, start - escape - 1)).ContainsAnyInRange('A', 'z'))
            return null;
        if (start < next.Length && char.IsLowSurrogate(next[start]))
            return null;
        if (tail == 0 || start <= from)
            return null;
        var oldStart = shown.Length - tail;
        return VisibleCells(next[..start]) == VisibleCells(shown[..oldStart]) ? start : null;
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
