using HardenTui.Host.Process;
using Terminal.Gui.Drivers;

namespace HardenTui.Tui.Gui;

/// <summary>
/// Puts the terminal back when the process dies of an exception on any thread while Terminal.Gui owns it:
/// Terminal.Gui restores it when its application is disposed (a UI-thread exception unwinds through that), but an
/// unhandled exception elsewhere kills the process first and would leave the alternate screen, mouse tracking and
/// a hidden cursor behind. The sequences are Terminal.Gui's own public constants; the raw mode is undone by putting
/// back the termios saved before Terminal.Gui started (tcsetattr, no `stty` process). Terminal.Gui's UI thread would go
/// on drawing (and hide the cursor again) until the process is gone, so it is parked at its next iteration first.
/// </summary>
internal static class CrashRestore
{
    private static int _installed;

    /// <summary>The terminal's mode before Terminal.Gui made it raw (saved by <see cref="Install"/>, before the first application).</summary>
    private static TerminalMode? _mode;

    /// <summary>True while a Terminal.Gui application has the terminal.</summary>
    public static volatile bool Active;

    private static volatile bool _dying;
    private static readonly ManualResetEventSlim Parked = new();

    /// <summary>Called by the UI thread on every main-loop iteration: once the process is dying, it stops there.</summary>
    public static void ParkIfDying()
    {
        if (!_dying)
            return;
        Parked.Set();
        Thread.Sleep(Timeout.Infinite);
    }

    public static IDisposable Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            _mode = TerminalMode.Save();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => Restore();
        }
        return new Uninstall();
    }

    public static void Restore()
    {
        if (!Active)
            return;
        Active = false;
        _dying = true;
        Parked.Wait(TimeSpan.FromMilliseconds(500)); // the UI thread's next iteration (at most 40 ms away), unless it is this one
        try
        {
            GiveBack(_mode);
        }
        catch (Exception)
        {
            // Best effort: the process is dying anyway.
        }
    }

    /// <summary>
    /// Mouse tracking and bracketed paste off, the main screen back, the cursor shown, then <paramref name="mode"/>
    /// (raw mode off: echo and line editing back for the shell). Also for a full-screen program of ours killed
    /// before it could do it itself (the wizard inside a sandbox torn down on SIGTERM).
    /// </summary>
    public static void GiveBack(TerminalMode? mode)
    {
        using var stdout = Console.OpenStandardOutput();
        var reset = EscSeqUtils.CSI_DisableMouseEvents + EscSeqUtils.CSI_DisableBracketedPaste
                    + EscSeqUtils.CSI_RestoreCursorAndRestoreAltBufferWithBackscroll + EscSeqUtils.CSI_ShowCursor;
        stdout.Write(System.Text.Encoding.UTF8.GetBytes(reset));
        stdout.Flush();
        mode?.Restore();
    }

    private sealed class Uninstall : IDisposable
    {
        public void Dispose() => Active = false;
    }
}
