using System.CommandLine;
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
        cmd.SetAction((parse, ct) =>
        {
            var argv = parse.GetValue(command) ?? [];
            // Only what follows "--" is a command: `sandbox --bogus` is a mistyped option, not a program to boot and run.
            if (argv.Length > 0 && !parse.Tokens.Any(t => t.Type == System.CommandLine.Parsing.TokenType.DoubleDash))
                throw new Core.BadInputException($"sandbox: unknown argument {argv[0]}; put the command to run after -- (hardentui sandbox -- COMMAND)");
            var packages = parse.GetValue(install) ?? [];
            foreach (var p in packages)
                if (!PackageName().IsMatch(p))
                    throw new Core.BadInputException($"sandbox --install {p}: not a Debian package name (lower-case letters, digits, + - . ; at least 2 characters)");
            return RunAsync(packages, argv, ct, ReleaseNamed(parse.GetValue(release)));
        });
        return cmd;
    }

    private static SandboxRelease? ReleaseNamed(string? name) =>
        name is null ? null
        : SandboxRelease.Find(name) ?? throw new Core.BadInputException(
            $"unknown release '{name}' for --release (known: {string.Join(", ", SandboxRelease.Names)})");

    public static async Task<int> RunAsync(IReadOnlyList<string> packages, IReadOnlyList<string> argv, CancellationToken ct, SandboxRelease? release = null)
    {
        if (argv.Count == 0) argv = DefaultCommand.SelfCommand();
        var what = release is null ? "a sandbox" : $"a {release.Name} sandbox";
        Console.Error.WriteLine(packages.Count > 0
            ? $"hardentui: booting {what} and installing {string.Join(' ', packages)} ..."
            : $"hardentui: booting {what} ...");
        try
        {
            Sandbox booted;
            using (var progress = new InstallProgressLine())
                booted = await Sandbox.BootAsync(SandboxOptions.FromEnvironment() with { Packages = packages, Release = release, InstallProgress = progress.Report }, ct);
            await using var sandbox = booted;
            Console.Error.WriteLine($"hardentui: sandbox ready in {sandbox.BootTime.TotalSeconds:0.0} s; changes vanish when it ends.");
            using var teardown = TerminalSignals.KeepAliveUntilChildEnds();
            return await sandbox.RunInteractiveAsync(argv, CancellationToken.None);
        }
        catch (SandboxException e)
        {
            Console.Error.WriteLine($"hardentui: sandbox: {e.Message}");
            return CliApp.ExitFailed;
        }
    }
}
