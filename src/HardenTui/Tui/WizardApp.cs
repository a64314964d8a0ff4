using HardenTui.Cli;
using HardenTui.Core;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;
using HardenTui.Tui.AppHost;

namespace HardenTui.Tui;

/// <summary>Starts the full-screen wizard, or refuses (with the plain commands to use instead) where it cannot run.</summary>
internal static class WizardApp
{
    /// <param name="soak">How long an apply watches the service after its checks (default 60 s).</param>
    public static async Task<int> RunAsync(string? unit, CancellationToken ct, TimeSpan? soak = null, CancellationToken quit = default)
    {
        if (unit is not null) await MustBeKnownAsync(unit, ct);
        var traits = TerminalTraits.Current;
        if (traits.Dumb || Console.IsOutputRedirected || Console.IsInputRedirected)
        {
            Console.Error.WriteLine("hardentui: the wizard needs an interactive terminal (TERM is dumb or output is redirected).");
            Console.Error.WriteLine("hardentui: the same steps as plain commands: hardentui analyze UNIT, trace UNIT, propose UNIT, apply UNIT,");
            Console.Error.WriteLine("hardentui: rollback UNIT (`hardentui --help` lists them all).");
            return CliApp.ExitBadInput;
        }
        try
        {
            await MachineServices.StartAsync(ct); // undo a trace or apply killed earlier (without root: say one is pending)
        }
        catch (SystemdException e)
        {
            Console.Error.WriteLine($"hardentui: crash recovery could not reach systemd: {e.Message}");
        }
        if (Environment.GetEnvironmentVariable("HARDENTUI_CRASH_TEST") == "thread")
            CrashOnAThread();
        var runner = new LocalProcessRunner();
        var effects = new WizardEffects(DbusSystemd.ForHost(), runner, soak);
        return await new WizardLoop(effects, traits).RunAsync(unit, Environment.IsPrivilegedProcess, ct, quit);
    }

    /// <summary>
    /// `hardentui nosuch` (or a mistyped command, `hardentui anlyze`) is one line and exit 2 before the screen is
    /// taken, not an empty picker with the error at its foot. Where systemd cannot be asked, the wizard says why itself.
    /// </summary>
    private static async Task MustBeKnownAsync(string unit, CancellationToken ct)
    {
        try { await DbusSystemd.ForHost().GetPropertiesAsync(unit, ct); }
        catch (UnitNotFoundException e) { throw new BadInputException($"{e.Message}; a name alone opens the wizard on that unit, `hardentui --help` lists the commands"); }
        catch (SystemdException) { }
    }

    /// <summary>
    /// HARDENTUI_CRASH_TEST=thread: an unhandled exception on a thread of its own once the wizard is up, so the
    /// end-to-end test can check that a crash gives the terminal back (see CrashRestore).
    /// </summary>
    private static void CrashOnAThread() => new Thread(() =>
    {
        Thread.Sleep(TimeSpan.FromSeconds(4));
        throw new InvalidOperationException("test crash on a background thread");
    }) { IsBackground = true }.Start();
}
