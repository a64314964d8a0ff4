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

    private sealed class Registrations(List<PosixSignalRegistration> regs) : IDisposable
    {
        public void Dispose() => regs.ForEach(r => r.Dispose());
    }
}
