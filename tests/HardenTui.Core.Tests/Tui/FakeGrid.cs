using HardenTui.Tui.Views;

namespace HardenTui.Core.Tests.Tui;

/// <summary>
/// A W×H character grid that understands what the renderer writes: CUP (ESC[r;cH), EL (ESC[K), ED (ESC[2J), SGR
/// (ignored), and text. Anything else fails the test.
/// </summary>
internal sealed class FakeGrid(int width, int height)
{
    private readonly char[][] _cells = Enumerable.Range(0, height).Select(_ => Enumerable.Repeat(' ', width).ToArray()).ToArray();
    private int _row, _col;

    public IReadOnlyList<string> Rows => _cells.Select(r => new string(r)).ToList();

    public void Apply(string bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != '\u001b')
            {
                if (Cells.Width(bytes[i].ToString()) != 1)
                    throw new InvalidOperationException($"unexpected width of {bytes[i]}");
                if (_col >= width)
                    throw new InvalidOperationException($"row {_row} written past column {width}");
                _cells[_row][_col++] = bytes[i];
                continue;
            }
            if (bytes[++i] != '[')
                throw new InvalidOperationException("only CSI sequences are expected");
            var start = ++i;
            while (!char.IsAsciiLetter(bytes[i]))
                i++;
            var args = bytes[start..i];
            switch (bytes[i])
            {
                case 'H':
                    var rc = args.Length == 0 ? ["1", "1"] : args.Split(';');
                    (_row, _col) = (int.Parse(rc[0]) - 1, int.Parse(rc[1]) - 1);
                    break;
                case 'K':
                    for (var c = _col; c < width; c++)
                        _cells[_row][c] = ' ';
                    break;
                case 'J' when args == "2":
                    foreach (var r in _cells)
                        Array.Fill(r, ' ');
                    break;
                case 'm':
                    break;
                default:
                    throw new InvalidOperationException($"unexpected sequence {args}{bytes[i]}");
            }
        }
    }
}
