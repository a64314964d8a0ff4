using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

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
        // Hidden: System.CommandLine lists a parent's arguments in every child's help (`hardentui [<unit>] trace <unit>`,
        // two <unit>s, and the man page and completion are made from that help), so only the root's help shows it.
        var unit = new Argument<string?>("unit") { Description = "Open this service directly (default: pick one from the list).", Arity = ArgumentArity.ZeroOrOne, Hidden = true };
        root.Arguments.Add(unit);
        ShowUnitInRootHelp(root, unit);
        RefuseUnitBeforeCommand(root, unit, "hardentui");
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
            if (!OffersSandbox(parseResult))
            {
                // SIGTERM, SIGHUP (the SSH connection dropped) and SIGINT from outside (in raw mode Ctrl+C is a key) quit
                // as a confirmed `q` does: a trace stopped and its unit restored, the terminal given back where there
                // still is one. System.CommandLine's handler is off for the root (CliApp.Run): it cancelled ct, which
                // stopped every effect but not the wizard, and the wizard went on for good (seen: alive and answering
                // keys 40 s later); without a handler a hang-up ended the process mid-trace, nginx left under strace.
                using var quit = new CancellationTokenSource();
                using var onSignal = TerminalSignals.CancelOn(quit, TerminalSignals.Ending);
                var exit = await Tui.WizardApp.RunAsync(name, ct, TimeSpan.FromSeconds(parseResult.GetValue(soak)), quit.Token);
                return quit.IsCancellationRequested ? CliApp.ExitTerminated : exit;
            }
            Console.Error.WriteLine("hardentui: systemd is not PID 1 on this machine, so there are no services here to harden.");
            Console.Error.WriteLine($"hardentui: the sandbox boots a throwaway real systemd (all changes in memory) with {string.Join(", ", DemoPackages)} installed.");
            SandboxCommand.RequireRoot(); // not asked as a user: the answer could only be refused
            if (!Confirm("Boot the sandbox and open the wizard in it? [Y/n] "))
            {
                Console.Error.WriteLine("hardentui: not booting; `./hardentui sandbox --help` (as root) shows the options.");
                return CliApp.ExitOk;
            }
            // ct never fires here (see OffersSandbox): the sandbox handles SIGTERM, SIGHUP and SIGINT itself.
            return await SandboxCommand.RunAsync(DemoPackages, name is null ? SelfCommand() : [.. SelfCommand(), name], ct);
        });
    }

    /// <summary>The root's help shows the (hidden) unit: the wizard's usage with it, its row under Arguments.</summary>
    private static void ShowUnitInRootHelp(RootCommand root, Argument unit)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new RootHelpAction(root, unit, (HelpAction)help.Action!);
    }

    /// <summary>
    /// System.CommandLine's help (its HelpBuilder is internal in 3.0) with two edits on the root's: the usage line
    /// becomes the wizard's and the commands' usage, and an Arguments section names the unit. Every other command's
    /// help is System.CommandLine's own.
    /// </summary>
    private sealed class RootHelpAction(RootCommand root, Argument unit, HelpAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command != root) return standard.Invoke(parseResult);
            var config = parseResult.InvocationConfiguration;
            var output = config.Output;
            var text = new StringWriter();
            config.Output = text;
            int exit;
            try { exit = standard.Invoke(parseResult); }
            finally { config.Output = output; }
            var nl = Environment.NewLine;
            var usage = $"  {root.Name} [command] [options]{nl}";
            var options = $"{nl}Options:{nl}";
            var help = text.ToString();
            if (!help.Contains(usage) || !help.Contains(options))
                throw new InvalidOperationException("System.CommandLine's root help changed its layout; RootHelpAction needs updating");
            help = help.Replace(usage, $"  {root.Name} [<{unit.Name}>] [options]{nl}  {root.Name} <command> [options]{nl}")
                .Replace(options, $"{nl}Arguments:{nl}  <{unit.Name}>  {unit.Description}{nl}{options}");
            output.Write(help);
            return exit;
        }
    }

    /// <summary>
    /// `hardentui nginx trace …`: the parser takes nginx as the wizard's unit and runs the command, dropping it
    /// silently. A unit belongs after its command, so this is a parse error (one line, exit 2).
    /// </summary>
    private static void RefuseUnitBeforeCommand(Command parent, Argument unit, string parentWords)
    {
        foreach (var command in parent.Subcommands)
        {
            var words = $"{parentWords} {command.Name}";
            command.Validators.Add(result =>
            {
                if (result.GetResult(unit) is { Tokens: [var token, ..] })
                    result.AddError($"'{token.Value}' before the command: a unit alone opens the wizard (hardentui {token.Value}); {words} takes its own after its name");
            });
            RefuseUnitBeforeCommand(command, unit, words);
        }
    }

    /// <summary>The root's action (the wizard, or the sandbox offer) handles its signals itself (see both branches).</summary>
    public static bool HandlesSignalsItself(ParseResult parsed) => parsed.CommandResult.Command is RootCommand;

    /// <summary>
    /// Whether this invocation is the root's action where systemd is not PID 1: the sandbox offer. Its sandbox handles
    /// SIGTERM, SIGHUP and SIGINT itself (torn down, then exit), as `hardentui sandbox` does, so `CliApp.Run` keeps
    /// System.CommandLine's termination handler off for it (ProcessTerminationTimeout = null). With that handler on,
    /// a SIGTERM was taken by it alone: it cancelled the action's token (which the running wizard inside does not
    /// watch), ended the process 2 s later with exit 143, and the container, its overlay mounts and its state folder
    /// stayed until the next sandbox's janitor (seen with `kill -TERM` of a plain `hardentui` in tmux).
    /// </summary>
    private static bool OffersSandbox(ParseResult parsed) => parsed.CommandResult.Command is RootCommand && !SystemdIsPid1();

    public static bool SystemdIsPid1() => Pid1IsSystemd.Value;

    /// <summary>
    /// Read once. HARDENTUI_OFFER_SANDBOX=1 makes it false (the sandbox offer) where systemd is PID 1, for the tests of
    /// the offer on such machines; it is taken out of the environment, so the wizard started inside the sandbox, which
    /// inherits it, sees its own systemd.
    /// </summary>
    private static readonly Lazy<bool> Pid1IsSystemd = new(() =>
    {
        if (Environment.GetEnvironmentVariable("HARDENTUI_OFFER_SANDBOX") == "1")
        {
            Environment.SetEnvironmentVariable("HARDENTUI_OFFER_SANDBOX", null);
            return false;
        }
        try { return File.ReadAllText("/proc/1/comm").Trim() == "systemd"; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    });

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
