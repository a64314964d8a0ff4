using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Terminal;

/// <summary>
/// Reads keys on a background thread and hands them over as <see cref="KeyPress"/>. It polls KeyAvailable so that
/// it can be paused while another program ($EDITOR) owns the terminal.
/// </summary>
internal sealed class KeySource : IDisposable
{
    private readonly Action<KeyPress> _onKey;
    private readonly Thread _thread;
    private volatile bool _stopped;
    private volatile bool _paused;

    public KeySource(Action<KeyPress> onKey)
    {
        _onKey = onKey;
        _thread = new Thread(Loop) { IsBackground = true, Name = "keys" };
        _thread.Start();
    }

    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }

    private void Loop()
    {
        while (!_stopped)
        {
            if (_paused || !Console.KeyAvailable)
            {
                Thread.Sleep(15);
                continue;
            }
            var info = Console.ReadKey(intercept: true);
            if (KeyNames.From(info) is { } key)
                _onKey(key);
        }
    }

    public void Dispose() => _stopped = true;
}
