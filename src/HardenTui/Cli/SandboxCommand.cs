using System.CommandLine;
using System.Runtime.InteropServices;
using HardenTui.Host.Sandbox;

namespace HardenTui.Cli;

/// <summary>
/// `hardentui sandbox [--release R] [--install PKG…] [-- COMMAND…]`: boot a throwaway systemd (this machine's root,
/// or a cached Debian release), run a command (or the wizard) in it, tear down.
/// </summary>
internal static partial class SandboxCommand
{
    /// <summary>Debian policy 5.6.1: package names are [a-z0-9][a-z0-9+.-]+ (an optional :arch).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9][a-z0-9+.-]+(:[a-z0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex PackageName();

    public static Command Create()
    {
        var install = new Option<string[]>("--install") { Description = "Debian packages to install into the sandbox before it boots", AllowMultipleArgumentsPerToken = true };
        var release = new Option<string?>("--release")
        {
            Description = $"Boot this Debian release instead of this machine's root ({string.Join(", ", SandboxRelease.Names)}; built once with debootstrap, cached under {SandboxRelease.DefaultCacheRoot})",
        };
        var command = new Argument<string[]>("command") { Description = "The command to run inside (after --); without one, the wizard", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("sandbox", "Boot a throwaway real systemd (an overlay over this machine's root, all changes in memory) and run a command or the wizard in it.");
        cmd.Options.Add(install);
        cmd.Options.Add(release);
        cmd.Arguments.Add(command);
        // Synchronous on purpose: System.CommandLine answers SIGINT/SIGTERM of an asynchronous action by cancelling it and
        // returning 130/143 two seconds later, which would leave the sandbox running (and a Ctrl+C typed into a shell
        // inside would end us). RunAsync handles the signals itself.
        cmd.SetAction(parse =>
        {
            var argv = parse.GetValue(command) ?? [];
            // Only what follows "--" is a command: `sandbox --bogus` is a mistyped option, not a program to boot and run.
            if (argv.Length > 0 && !parse.Tokens.Any(t => t.Type == System.CommandLine.Parsing.TokenType.DoubleDash))
                throw new Core.BadInputException($"sandbox: unknown argument {argv[0]}; put the command to run after -- (hardentui sandbox -- COMMAND)");
            var packages = parse.GetValue(install) ?? [];
            foreach (var p in packages)
                if (!PackageName().IsMatch(p))
                    throw new Core.BadInputException($"sandbox --install {p}: not a Debian package name (lower-case letters, digits, + - . ; at least 2 characters)");
            return RunAsync(packages, Inside(argv, DefaultCommand.SelfCommand()), CancellationToken.None, ReleaseNamed(parse.GetValue(release))).GetAwaiter().GetResult();
        });
        return cmd;
    }

    /// <summary>Checked before anything is said or done: one line and exit 2 (was "booting ..." and then a refusal, exit 1).</summary>
    public static void RequireRoot()
    {
        if (!Environment.IsPrivilegedProcess)
            throw new Core.BadInputException("the sandbox mounts an overlay and boots systemd-nspawn, which needs root: run it as root (or with sudo); nothing was done");
    }

    /// <summary>
    /// The command to run inside: `hardentui …` is this same program (bound into the sandbox at its own path), so
    /// `hardentui sandbox -- hardentui analyze nginx` works from a checkout, where no hardentui is on PATH.
    /// </summary>
    internal static IReadOnlyList<string> Inside(IReadOnlyList<string> argv, IReadOnlyList<string> self) =>
        argv.Count > 0 && argv[0] == "hardentui" ? [.. self, .. argv.Skip(1)] : argv;

    private static SandboxRelease? ReleaseNamed(string? name) =>
        name is null ? null
        : SandboxRelease.Find(name) ?? throw new Core.BadInputException(
            $"unknown release '{name}' for --release (known: {string.Join(", ", SandboxRelease.Names)})");

    public static async Task<int> RunAsync(IReadOnlyList<string> packages, IReadOnlyList<string> argv, CancellationToken ct, SandboxRelease? release = null)
    {
        RequireRoot();
        if (argv.Count == 0) argv = DefaultCommand.SelfCommand();
        var what = release is null ? "a sandbox" : $"a {release.Name} sandbox";
        Console.Error.WriteLine(packages.Count > 0
            ? $"hardentui: booting {what} and installing {string.Join(' ', packages)} ..."
            : $"hardentui: booting {what} ...");
        // SIGTERM or SIGHUP at any time, and Ctrl+C while booting, stop and tear down; while the command runs, Ctrl+C is its.
        using var terminated = new CancellationTokenSource();
        using var termination = TerminalSignals.CancelOn(terminated);
        using var booting = CancellationTokenSource.CreateLinkedTokenSource(ct, terminated.Token);
        try
        {
            Sandbox booted;
            using (TerminalSignals.CancelOn(booting, PosixSignal.SIGINT))
            using (var progress = new InstallProgressLine())
                booted = await Sandbox.BootAsync(SandboxOptions.FromEnvironment() with { Packages = packages, Release = release, InstallProgress = progress.Report }, booting.Token);
            await using var sandbox = booted;
            Console.Error.WriteLine($"hardentui: sandbox ready in {sandbox.BootTime.TotalSeconds:0.0} s; changes vanish when it ends.");
            using var keep = TerminalSignals.KeepAliveUntilChildEnds();
            var terminal = Host.Process.TerminalMode.Save();
            try
            {
                return await sandbox.RunInteractiveAsync(argv, terminated.Token);
            }
            catch (OperationCanceledException) when (terminal is not null && !Console.IsOutputRedirected)
            {
                // The command (the wizard, a shell) was killed mid-screen: give the terminal back before the teardown
                // says so, or the user's shell comes back raw, on the alternate screen, without a cursor.
                try { Tui.Gui.CrashRestore.GiveBack(terminal); }
                catch (IOException) { } // a hung-up terminal: nothing left to give back
                throw;
            }
        }
        catch (OperationCanceledException) when (booting.IsCancellationRequested)
        {
            Console.Error.WriteLine("hardentui: sandbox: stopped by a signal; torn down");
            return terminated.IsCancellationRequested ? CliApp.ExitTerminated : CliApp.ExitInterrupted;
        }
        catch (SandboxException e)
        {
            Console.Error.WriteLine($"hardentui: sandbox: {e.Message}");
            return CliApp.ExitFailed;
        }
    }
}
