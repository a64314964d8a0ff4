using System.Runtime.InteropServices;

namespace HardenTui.Cli;

/// <summary>
/// While an interactive child runs in the foreground, Ctrl+C (SIGINT) and SIGQUIT belong to the child: we keep
/// running so that our own clean-up (teardown, restore) still happens when it ends.
/// </summary>
internal static class TerminalSignals
{
    public static IDisposable KeepAliveUntilChildEnds()
    {
        var regs = new[] { PosixSignal.SIGINT, PosixSignal.SIGQUIT }
            .Select(s => PosixSignalRegistration.Create(s, c => c.Cancel = true)).ToList();
        return new Registrations(regs);
    }

    /// <summary>Ctrl+C, a kill and a closed terminal: what ends a command that must undo its work first (apply, the wizard).</summary>
    public static readonly PosixSignal[] Ending = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];

    /// <summary>
    /// The given signals (default: SIGTERM and SIGHUP, a kill or a closed terminal) cancel <paramref name="stop"/>
    /// instead of ending the process at once, so what it set up is undone by its own clean-up (a sandbox torn down)
    /// before it exits. Without this .NET exits on SIGTERM without unwinding, and a booted sandbox stayed until the
    /// next boot's janitor found it.
    /// </summary>
    public static IDisposable CancelOn(CancellationTokenSource stop, params PosixSignal[] signals)
    {
        var regs = (signals.Length > 0 ? signals : [PosixSignal.SIGTERM, PosixSignal.SIGHUP])
            .Select(s => PosixSignalRegistration.Create(s, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            })).ToList();
        return new Registrations(regs);
    }

    private sealed class Registrations(List<PosixSignalRegistration> regs) : IDisposable
    {
        public void Dispose() => regs.ForEach(r => r.Dispose());
    }
}
