using System.Runtime.InteropServices;

namespace HardenTui.Tui.Terminal;

/// <summary>Calls back with the new size on SIGWINCH (the renderer then repaints everything).</summary>
internal sealed class ResizeWatcher : IDisposable
{
    private readonly PosixSignalRegistration? _registration;

    public ResizeWatcher(Action<int, int> onResize)
    {
        if (!OperatingSystem.IsWindows())
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => onResize(Console.WindowWidth, Console.WindowHeight));
    }

    public void Dispose() => _registration?.Dispose();
}
