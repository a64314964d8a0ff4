using HardenTui.Core.Proposals;
using HardenTui.Core.Tracing;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;
using HardenTui.Host.Tracing;

namespace HardenTui.Cli;

/// <summary>
/// The trace step of `apply --auto`: restart the unit under strace, run the probe, read the findings, put the unit
/// back. The runtime drop-in is journaled before it is written, so if hardentui dies mid-trace (kill -9) the next
/// start of hardentui removes it and restarts the unit with its own configuration.
/// </summary>
internal static class AutoTrace
{
    public static async Task<Observations> RunAsync(MachineServices services, string unit, string? probe, TimeSpan duration, CancellationToken ct)
    {
        var wasActive = (await services.Systemd.GetPropertiesAsync(unit, ct)).String("ActiveState") is "active" or "reloading" or "activating";
        var operation = services.Journal.Begin("trace", unit, wasActive);
        operation.TrackRuntimeDropIn(StraceDropIn.FileName);
        var options = new TraceOptions { InterpreterOf = new ExecutableInterpreters().Of, GroupsOf = await FindingsCommand.GroupsOfAsync(ct) };
        Console.Error.WriteLine($"hardentui: tracing {unit} under strace for {duration.TotalSeconds:0} s" + (probe is null ? " ..." : ", running the probe ..."));
        IRunningTrace trace;
        try { trace = await new StraceWrapperTracer(services.Systemd, services.Runner).StartAsync(unit, options, ct); }
        catch { operation.Complete(); throw; } // a failed start has already put the unit back
        try
        {
            var until = Task.Delay(duration, ct);
            if (probe is not null)
            {
                var r = await services.Runner.RunAsync(new ProcessSpec("sh", ["-c", probe], Timeout: duration), ct);
                Console.Error.WriteLine($"hardentui: probe during the trace exited {r.ExitCode}{(r.TimedOut ? " (timed out)" : "")}");
            }
            await until;
            var findings = await trace.StopAsync(CancellationToken.None);
            Console.Error.WriteLine($"hardentui: traced {findings.Stats.CallsStarted} system calls; {unit} runs with its own configuration again.");
            return Observations.FromFindings(findings);
        }
        finally
        {
            await trace.DisposeAsync(); // restores the unit if StopAsync did not run; if this throws, Recovery does it later
            operation.Complete();
        }
    }
}
