using System.Buffers;

namespace HardenTui.Core.Tracing;

/// <summary>
/// Streams the lines of a byte stream as spans over one pooled buffer (no string per line), so memory stays flat
/// however long the log is. A line longer than the buffer grows it; a final line without newline is returned too.
/// A line longer than <paramref name="maxLineBytes"/> is returned cut to that length and the rest of it skipped
/// (counted in <see cref="CutLines"/>), so a file without newlines cannot grow the buffer without bound.
/// Use: <c>using var reader = new Utf8LineReader(stream); while (reader.TryRead(out var line)) ...</c>
/// </summary>
public sealed class Utf8LineReader(Stream stream, int bufferSize = 1 << 16, int maxLineBytes = Utf8LineReader.DefaultMaxLineBytes) : IDisposable
{
    public const int DefaultMaxLineBytes = 1 << 20;
    private bool _skipping;

    /// <summary>Lines longer than the limit, returned cut.</summary>
    public long CutLines { get; private set; }

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    private int _start;
    private int _end;
    private bool _eof;

    public bool TryRead(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var window = _buffer.AsSpan(_start, _end - _start);
            var newline = window.IndexOf((byte)'\n');
            if (_skipping)
            {
                // The rest of an over-long line already returned cut: drop it up to its newline.
                if (newline >= 0) { _start += newline + 1; _skipping = false; continue; }
                _start = _end;
                if (_eof) { line = default; return false; }
                Fill();
                continue;
            }
            if (newline < 0 && window.Length >= maxLineBytes)
            {
                line = window[..maxLineBytes];
                _start += maxLineBytes;
                _skipping = true;
                CutLines++;
                return true;
            }
            if (newline >= 0)
            {
                line = window[..newline];
                _start += newline + 1;
                return true;
            }
            if (_eof)
            {
                line = window;
                _start = _end;
                return !window.IsEmpty;
            }
            Fill();
        }
    }

    private void Fill()
    {
        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(_start, pending).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        _start = 0;
        _end = pending;
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
