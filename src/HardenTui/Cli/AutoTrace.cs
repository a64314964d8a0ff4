using HardenTui.Core.Proposals;
using HardenTui.Host.Process;
using HardenTui.Host.Tracing;

namespace HardenTui.Cli;

/// <summary>
/// The trace step of `apply --auto`: restart the unit under strace, run the probe, reload it where it can reload,
/// read the findings, stop it (so ExecStop= is traced too) and put the unit back. The trace is journaled (<see cref="JournaledTracer"/>), so a kill -9 mid-trace is undone at the next start.
/// </summary>
internal static class AutoTrace
{
    public static async Task<Observations> RunAsync(MachineServices services, string unit, string? probe, TimeSpan duration, CancellationToken ct)
    {
        var tracer = new JournaledTracer(new StraceWrapperTracer(services.Systemd, services.Runner), services.Journal, services.Systemd);
        var options = new TraceOptions { InterpreterOf = new ExecutableInterpreters().Of, GroupsOf = await FindingsCommand.GroupsOfAsync(ct) };
        Console.Error.WriteLine($"hardentui: tracing {unit} under strace for {duration.TotalSeconds:0} s" + (probe is null ? " ..." : ", running the probe ..."));
        await using var trace = await tracer.StartAsync(unit, options, ct);
        var until = Task.Delay(duration, ct);
        if (probe is not null)
        {
            var r = await services.Runner.RunAsync(ProcessSpec.Probe(probe, duration), ct);
            Console.Error.WriteLine($"hardentui: probe during the trace exited {r.ExitCode}{(r.TimedOut ? " (timed out)" : "")}");
        }
        if (await UnitExercise.ReloadAsync(services.Systemd, unit, ct) is { } reloaded)
            Console.Error.WriteLine("hardentui: " + reloaded);
        await until;
        var findings = await trace.StopAsync(CancellationToken.None);
        Console.Error.WriteLine($"hardentui: traced {findings.Stats.CallsStarted} system calls; {unit} runs with its own configuration again.");
        return Observations.FromFindings(findings);
    }
}
