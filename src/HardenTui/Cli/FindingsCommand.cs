using System.CommandLine;
using HardenTui.Core;
using HardenTui.Core.Findings;
using HardenTui.Core.Tracing;
using HardenTui.Host.Exposure;
using HardenTui.Host.Files;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;
using HardenTui.Host.Tracing;

namespace HardenTui.Cli;

internal static class FindingsCommand
{
    internal static Command Create()
    {
        var log = new Option<string>("--strace-log") { Description = "An strace log (strace -f -o FILE ...), any timestamp style", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON; \"syscalls\" maps each syscall to the calls started" };
        var command = new Command("findings", "Analyse an existing trace log: executed and mapped files, syscalls, capabilities, paths, sockets");
        command.Options.Add(log);
        command.Options.Add(json);
        command.SetAction(async (parseResult, ct) =>
        {
            var path = parseResult.GetValue(log)!;
            using var stream = InputFile.Open(path, "strace log", InputFile.LogLimit);
            var groups = await GroupsOfAsync(ct);
            Findings findings;
            try { findings = StraceLogFile.Feed(stream, new FindingsBuilder(groups, new ExecutableInterpreters().Of)).Snapshot(); }
            catch (IOException e) { throw new BadInputException($"strace log {path}: cannot be read ({e.Message})"); }
            if (findings.Stats.Lines > 0 && findings.Stats.CallsStarted == 0)
                throw new BadInputException($"{path} holds no strace calls ({findings.Stats.GarbageLines} unreadable lines)");
            // Binary data has a few lines that happen to read "abc(": strace's own output has next to no unreadable lines.
            if (findings.Stats.GarbageLines * 10 > findings.Stats.Lines * 9)
                throw new BadInputException($"{path} is not an strace log: {findings.Stats.GarbageLines} of its {findings.Stats.Lines} lines are unreadable");
            Console.Out.Write(parseResult.GetValue(json) ? FindingsJson.Write(findings) + "\n" : FindingsText.Write(findings));
            return CliApp.ExitOk;
        });
        return command;
    }

    /// <summary>This machine's syscall groups (systemd-analyze syscall-filter), or none when systemd-analyze is missing.</summary>
    internal static async Task<Func<string, IEnumerable<string>>?> GroupsOfAsync(CancellationToken ct)
    {
        var runner = LocalProcessRunner.Instance;
        try
        {
            var groups = await new ExposureHost(runner, DbusSystemd.For(runner)).SyscallGroupsAsync(ct);
            return groups.GroupsOf;
        }
        catch (SystemdException)
        {
            return null;
        }
    }
}
