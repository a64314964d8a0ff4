// Owns the terminal while the wizard runs: alternate screen, hidden cursor, Ctrl+C as a key. Restore() puts the
// terminal back and is safe to call many times; it runs on Dispose, on process exit, on SIGTERM/SIGHUP/SIGQUIT
// and on an unhandled exception, so the user's shell is never left in the alternate screen.
using System.Runtime.InteropServices;

namespace HardenTui.Tui.Terminal;

internal sealed class TerminalSession : IDisposable
{
    private const string Enter = "\u001b[?1049h\u001b[?25l\u001b[H\u001b[2J";
    private const string Leave = "\u001b[0m\u001b[?25h\u001b[?1049l";

    private readonly TextWriter _out;
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _active;

    private TerminalSession(TextWriter output)
    {
        _out = output;
    }

    public static TerminalSession Open()
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        var session = new TerminalSession(stdout);
        session.Begin();
        return session;
    }

    /// <summary>Writes one frame's bytes in one write.</summary>
    public void Write(string bytes)
    {
        if (bytes.Length == 0 || Volatile.Read(ref _active) == 0)
            return;
        _out.Write(bytes);
        _out.Flush();
    }

    /// <summary>Hands the terminal to another program ($EDITOR) and takes it back afterwards.</summary>
    public void Suspend(Action run)
    {
        Restore();
        try
        {
            run();
        }
        finally
        {
            Begin();
        }
    }

    private void Begin()
    {
        Console.TreatControlCAsInput = true;
        _out.Write(Enter);
        _out.Flush();
        Volatile.Write(ref _active, 1);
        if (_signals.Count > 0)
            return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Restore();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Restore();
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT, PosixSignal.SIGINT })
            _signals.Add(PosixSignalRegistration.Create(signal, _ => Restore()));
    }

    public void Restore()
    {
        if (Interlocked.Exchange(ref _active, 0) == 0)
            return;
        _out.Write(Leave);
        _out.Flush();
        Console.TreatControlCAsInput = false;
    }

    public void Dispose()
    {
        Restore();
        foreach (var s in _signals)
            s.Dispose();
        _signals.Clear();
    }
}
