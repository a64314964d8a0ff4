using System.CommandLine;

namespace HardenTui.Cli;

/// <summary>
/// `hardentui` with no subcommand. Where systemd is PID 1: the wizard. Where it is not (containers, CI, WSL): say so
/// and offer the sandbox — a throwaway real systemd with demo services — which is the embedded default for trying
/// the tool.
/// </summary>
internal static class DefaultCommand
{
    public static readonly string[] DemoPackages = ["nginx-light", "redis-server", "curl"];

    public static void Configure(RootCommand root)
    {
        var unit = new Argument<string?>("unit") { Description = "Open this service directly (default: pick one from the list).", Arity = ArgumentArity.ZeroOrOne };
        root.Arguments.Add(unit);
        var soak = new Option<int>("--soak") { Description = "Seconds the wizard's apply watches the service for denials after its checks", DefaultValueFactory = _ => 60 };
        root.Options.Add(soak);
        root.SetAction(async (parseResult, ct) =>
        {
            var name = parseResult.GetValue(unit);
            if (parseResult.GetValue(soak) < 0) throw new Core.BadInputException("--soak must not be negative");
            if (name is not null && name.StartsWith('-'))
                throw new Core.BadInputException($"unknown option {name} (see --help)");
            if (name is not null)
                name = Core.Units.UnitName.FromUser(name).Value; // as systemctl: "nginx" is nginx.service
            if (SystemdIsPid1()) return await Tui.WizardApp.RunAsync(name, ct, TimeSpan.FromSeconds(parseResult.GetValue(soak)));
            Console.Error.WriteLine("hardentui: systemd is not PID 1 on this machine, so there are no services here to harden.");
            Console.Error.WriteLine($"hardentui: the sandbox boots a throwaway real systemd (all changes in memory) with {string.Join(", ", DemoPackages)} installed.");
            if (!Confirm("Boot the sandbox and open the wizard in it? [Y/n] "))
            {
                Console.Error.WriteLine("hardentui: not booting; `./hardentui sandbox --help` (as root) shows the options.");
                return CliApp.ExitOk;
            }
            return await SandboxCommand.RunAsync(DemoPackages, name is null ? SelfCommand() : [.. SelfCommand(), name], ct);
        });
    }

    public static bool SystemdIsPid1()
    {
        try { return File.ReadAllText("/proc/1/comm").Trim() == "systemd"; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>The command line that starts this same program again (inside the sandbox).</summary>
    public static IReadOnlyList<string> SelfCommand()
    {
        var exe = Environment.ProcessPath ?? "hardentui";
        return Path.GetFileName(exe) == "dotnet" ? [exe, Path.Combine(AppContext.BaseDirectory, "hardentui.dll")] : [exe];
    }

    private static bool Confirm(string question)
    {
        if (Console.IsInputRedirected) return Environment.GetEnvironmentVariable("HARDENTUI_ASSUME_YES") == "1";
        Console.Error.Write(question);
        var answer = Console.ReadLine()?.Trim().ToLowerInvariant();
        return answer is "" or "y" or "yes";
    }
}
