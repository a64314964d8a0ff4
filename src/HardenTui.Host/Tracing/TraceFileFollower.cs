using System.Text;
using HardenTui.Host.Process;

namespace HardenTui.Host.Tracing;

/// <summary>
/// Reads a growing trace file in bounded chunks from where it left off (through the runner, so it works inside
/// the sandbox too) and hands out whole lines; a partial last line waits for the next read.
/// </summary>
internal sealed class TraceFileFollower(IProcessRunner runner, string path)
{
    private const int Chunk = 4 << 20;
    private long _offset;
    private string _partial = "";

    public string Path => path;

    /// <summary>Reads what is new; returns false when nothing was.</summary>
    public async Task<bool> PollAsync(Action<string> onLine, CancellationToken ct)
    {
        var r = await runner.RunAsync(new ProcessSpec("sh", ["-c", "tail -c +\"$1\" \"$2\" 2>/dev/null | head -c \"$3\"", "sh",
            (_offset + 1).ToString(), path, Chunk.ToString()], Timeout: TimeSpan.FromSeconds(30)), ct);
        if (r.Stdout.Length == 0) return false;
        _offset += Encoding.UTF8.GetByteCount(r.Stdout);
        var text = _partial + r.Stdout;
        var last = text.LastIndexOf('\n');
        _partial = last < 0 ? text : text[(last + 1)..];
        if (last < 0) return true;
        foreach (var line in text.AsSpan(0, last).EnumerateLines()) onLine(line.ToString());
        return true;
    }

    /// <summary>Reads until the file stops growing; hands out a final line that has no newline.</summary>
    public async Task DrainAsync(Action<string> onLine, CancellationToken ct)
    {
        while (await PollAsync(onLine, ct)) { }
        if (_partial.Length > 0) onLine(_partial);
        _partial = "";
    }
}
