using System.CommandLine;
using HardenTui.Core;
using HardenTui.Core.Findings;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;
using HardenTui.Host.Overrides;
using HardenTui.Host.Tracing;

namespace HardenTui.Cli;

/// <summary>`hardentui trace UNIT`: restart the unit under a tracer for a while, optionally exercise it, print findings, restore it.</summary>
internal static class TraceCommand
{
    internal static Command Create()
    {
        var unit = new Argument<string>("unit") { Description = "The service to trace (nginx.service)" };
        var seconds = new Option<int>("--seconds") { Description = "How long to trace", DefaultValueFactory = _ => 30 };
        var method = new Option<string>("--method") { Description = "strace (restart under strace), attach (strace the running processes, no restart), audit (execve audit rule; needs auditd) or syscall-log (SystemCallLog=, kernel SECCOMP records, names only)", DefaultValueFactory = _ => "strace" };
        var probe = new Option<string?>("--probe") { Description = "A shell command run during the trace to exercise the service" };
        var output = new Option<string?>("--out") { Description = "Write the findings to this file instead of stdout" };
        var json = new Option<bool>("--json") { Description = "JSON output; \"syscalls\" maps each syscall to the calls started" };
        var command = new Command("trace", "Trace a service while it runs and print what it did (the unit is restored afterwards)");
        command.Arguments.Add(unit);
        foreach (var o in new Option[] { seconds, method, probe, output, json }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var name = Core.Units.UnitName.FromUser(parse.GetValue(unit)).Value;
            if (parse.GetValue(seconds) is var s && s <= 0) throw new BadInputException("--seconds must be positive");
            if (parse.GetValue(output) is { } target) Host.Files.OutputFile.Check(target, "--out");
            MachineServices.RequireRoot("trace");
            var runner = LocalProcessRunner.Instance;
            var systemd = DbusSystemd.For(runner);
            ITracer tracer = parse.GetValue(method) switch
            {
                "strace" => new StraceWrapperTracer(systemd, runner),
                "attach" => new AttachTracer(systemd, runner),
                "syscall-log" => new SystemCallLogTracer(systemd, runner),
                "audit" => new AuditExecveTracer(systemd, runner),
                var other => throw new BadInputException($"--method {other}: use strace, attach, audit or syscall-log"),
            };
            try
            {
                // Recovery first (a trace killed earlier is undone), then journal this one the same way.
                var services = await MachineServices.StartAsync(ct);
                var journal = services.Journal;
                name = (await services.PropertiesAsync(name, ct)).Unit; // systemd's name (an alias takes the same lock as the unit); unknown: exit 2
                using var held = UnitLock.Acquire("/", name, "trace", TimeProvider.System);
                if (tracer is StraceWrapperTracer or SystemCallLogTracer) tracer = new JournaledTracer(tracer, journal, systemd);
                await using var trace = await tracer.StartAsync(name, new TraceOptions { InterpreterOf = new ExecutableInterpreters().Of, GroupsOf = await FindingsCommand.GroupsOfAsync(ct) }, ct);
                Console.Error.WriteLine($"hardentui: tracing {name} for {s} s with {tracer.Method}, which sees {tracer.Sees} ...");
                var until = Task.Delay(TimeSpan.FromSeconds(s), ct);
                if (parse.GetValue(probe) is { } p)
                {
                    var r = await runner.RunAsync(ProcessSpec.Probe(p, TimeSpan.FromSeconds(s)), ct);
                    Console.Error.WriteLine($"hardentui: probe exited {r.ExitCode}{(r.TimedOut ? " (timed out)" : "")}");
                }
                try { await until; } catch (OperationCanceledException) { }
                var findings = await trace.StopAsync(CancellationToken.None);
                var text = parse.GetValue(json) ? FindingsJson.Write(findings) + "\n" : FindingsText.Write(findings);
                if (parse.GetValue(output) is { } file)
                {
                    Host.Files.OutputFile.Write(file, text, "--out");
                    Console.Error.WriteLine($"hardentui: findings written to {file}");
                }
                else Console.Out.Write(text);
                return CliApp.ExitOk;
            }
            catch (SystemdAccessDeniedException e)
            {
                return MachineServices.ReadOnly($"trace {name}", e.Message);
            }
            catch (SystemdException e)
            {
                Console.Error.WriteLine($"hardentui: trace {name}: {e.Message}");
                return CliApp.ExitFailed;
            }
        });
        return command;
    }
}
