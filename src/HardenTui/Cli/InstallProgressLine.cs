using System.Diagnostics;
using HardenTui.Host.Sandbox;

namespace HardenTui.Cli;

/// <summary>
/// The line that moves while apt installs the sandbox's packages (what, how far, which step, seconds so far), as apt's
/// own progress bar would: on a terminal one line redrawn in place every second; when stderr is a file or a pipe a
/// plain line at most every five seconds. Notes from apt (why the lists are refreshed) are kept as lines of their own.
/// </summary>
internal sealed class InstallProgressLine : IDisposable
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private readonly Timer _tick;
    private AptProgress? _last;
    private TimeSpan _logged = -LogEvery;
    private bool _drawn;

    public InstallProgressLine() => _tick = new Timer(_ => { lock (_gate) Draw(); }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public void Report(AptProgress progress)
    {
        lock (_gate)
        {
            if (progress.Note is { } note)
            {
                Clear();
                Console.Error.WriteLine($"hardentui: {note}");
                return;
            }
            var stepChanged = _last?.Phase != progress.Phase;
            _last = progress;
            Draw(force: stepChanged);
        }
    }

    /// <summary>The text of one progress line (pure, for the tests).</summary>
    internal static string Text(AptProgress p, TimeSpan elapsed) => p.Phase switch
    {
        AptPhase.Lists => $"hardentui: {p.Step} ({elapsed.TotalSeconds:0} s)",
        AptPhase.Downloading => $"hardentui: downloading {p.Packages}: {p.Percent:0}% {p.Step} ({elapsed.TotalSeconds:0} s)",
        _ => $"hardentui: installing {p.Packages}: {p.Percent:0}% {p.Step} ({elapsed.TotalSeconds:0} s)",
    };

    private void Draw(bool force = false)
    {
        if (_last is null) return;
        var text = Text(_last, _clock.Elapsed);
        if (_terminal)
        {
            var width = Width() - 1;
            // Padded to the width instead of an erase-line sequence: the one terminal writer in src is Terminal.Gui.
            Console.Error.Write("\r" + (text.Length > width ? text[..width] : text.PadRight(width)));
            _drawn = true;
        }
        else if (force || _clock.Elapsed - _logged >= LogEvery)
        {
            Console.Error.WriteLine(text);
            _logged = _clock.Elapsed;
        }
    }

    private static int Width()
    {
        try { return Console.WindowWidth > 1 ? Console.WindowWidth : 80; }
        catch (IOException) { return 80; }
    }

    private void Clear()
    {
        if (!_drawn) return;
        Console.Error.Write("\r" + new string(' ', Width() - 1) + "\r");
        _drawn = false;
    }

    public void Dispose()
    {
        _tick.Dispose();
        lock (_gate)
        {
            Clear();
            _last = null;
        }
    }
}
