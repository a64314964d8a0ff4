// The command-line entry: every subcommand registers here; parse errors and bad input become a
// single line on stderr with exit code 2 (never a stack trace).
using System.CommandLine;
using System.Reflection;
using HardenTui.Core;
using HardenTui.Host.Systemd;

namespace HardenTui.Cli;

public static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitBadInput = 2;
    /// <summary>128 + SIGTERM, what a shell reports for a program ended by it.</summary>
    public const int ExitTerminated = 143;
    /// <summary>128 + SIGINT: what a shell reports for a program Ctrl+C ended.</summary>
    public const int ExitInterrupted = 130;

    /// <summary>The informational version (0.1.0+COMMIT), as System.CommandLine's --version prints it.</summary>
    public static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("HardenTui: harden one systemd service at a time, with evidence, preview, verification and rollback.");
        foreach (var command in Commands())
            root.Subcommands.Add(command);
        DefaultCommand.Configure(root);
        return root;
    }

    private static IEnumerable<Command> Commands()
    {
        yield return SandboxCommand.Create();
        yield return AnalyzeCommand.Create();
        yield return ProposeCommand.Create();
        yield return ApplyCommand.Create();
        yield return RollbackCommand.Create();
        yield return FindingsCommand.Create();
        yield return TraceCommand.Create();
        yield return ProfilesCommand.Create();
        yield return ExportCommand.Create();
        yield return WatchCommand.Create();
        yield return ShellCommand.Create();
    }

    public static int Run(string[] args)
    {
        try
        {
            var root = BuildRoot();
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                Console.Error.WriteLine($"hardentui: {Printable.OneLine(parsed.Errors[0].Message)} (see --help)");
                return ExitBadInput;
            }
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
            if (DefaultCommand.HandlesSignalsItself(parsed)) invocation.ProcessTerminationTimeout = null;
            if (parsed.CommandResult.Command.Name == ApplyCommand.Name)
            {
                // System.CommandLine would end the process 2 s after Ctrl+C, in the middle of apply's rollback: apply
                // hears SIGINT, SIGTERM and SIGHUP through its token and returns only when the unit is as before.
                invocation.ProcessTerminationTimeout = null;
                using var stop = new CancellationTokenSource();
                using var signals = TerminalSignals.CancelOn(stop, TerminalSignals.Ending);
                return parsed.InvokeAsync(invocation, stop.Token).GetAwaiter().GetResult();
            }
            return parsed.Invoke(invocation);
        }
        catch (BadInputException e)
        {
            Console.Error.WriteLine($"hardentui: {e.Message}");
            return ExitBadInput;
        }
        catch (SystemdAccessDeniedException e)
        {
            return MachineServices.ReadOnly(args.FirstOrDefault() ?? "hardentui", e.Message);
        }
        catch (SystemdException e)
        {
            Console.Error.WriteLine($"hardentui: {e.Message}");
            return ExitFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file or directory the command needed could not be used (permissions, a vanished file): one line, not a trace.
            Console.Error.WriteLine($"hardentui: {Printable.OneLine(e.Message)}");
            return ExitBadInput;
        }
    }
}
