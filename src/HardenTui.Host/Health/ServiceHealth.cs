using HardenTui.Core.Health;
using HardenTui.Core.Wizard;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Health;

/// <summary>One step of an apply as it starts and ends: name, status, detail.</summary>
public delegate void StepReport(string step, StepStatus status, string detail);

/// <summary>
/// Restarts a unit and verifies it: active (not activating or failed), no restart loop (NRestarts and MainPID
/// unchanged over the settle period), the probe passes, and the journal since the restart is clean
/// (<see cref="JournalScan"/>). Commands run through the given runner, i.e. inside the sandbox when there.
/// </summary>
public sealed class ServiceHealth(ISystemd systemd, IProcessRunner runner, TimeProvider clock)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Restart, then <see cref="VerifyAsync"/>. <paramref name="step"/> hears "restart", "settle", "probe" and
    /// "journal scan" as each starts and ends (with what it found), so a screen can show them as steps.
    /// </summary>
    /// <summary>The runner the checks use (on this machine, or inside the sandbox).</summary>
    public IProcessRunner Runner => runner;

    public async Task<HealthReport> RestartAndVerifyAsync(string unit, HealthCheck check, CancellationToken ct = default, StepReport? step = null)
    {
        var since = clock.GetUtcNow().ToUnixTimeMilliseconds();
        step?.Invoke("restart", StepStatus.Running, "");
        try
        {
            await systemd.RestartAsync(unit, StartTimeout, ct);
        }
        catch (SystemdException e)
        {
            step?.Invoke("restart", StepStatus.Failed, e.Message);
            return new HealthReport([$"restart failed: {e.Message}", .. await JournalProblemsAsync(unit, since, ct)]);
        }
        step?.Invoke("restart", StepStatus.Done, "");
        var report = await VerifyAfterRestartAsync(unit, since, check, step, ct);
        return report.Healthy ? await new EverydayChecks(this, systemd, runner, clock).RunAsync(unit, since, check, step, ct) : report;
    }

    private Task<HealthReport> VerifyAfterRestartAsync(string unit, long since, HealthCheck check, StepReport? step, CancellationToken ct)
    {
        if (step is null) return VerifyAsync(unit, since, check, ct);
        var probe = check.Probe ?? "";
        step("settle", StepStatus.Running, $"watching {check.Settle.TotalSeconds:0}s for a crash or restart loop");
        if (probe.Length == 0) step("probe", StepStatus.Skipped, "no probe set");
        return VerifyAsync(unit, since, check, ct, (phase, problems) =>
        {
            step(phase, problems.Count == 0 ? StepStatus.Done : StepStatus.Failed, problems.Count == 0 ? PhaseOk(phase, probe) : string.Join("; ", problems));
            if (phase == "settle" && problems.Count == 0 && probe.Length > 0)
                step("probe", StepStatus.Running, "running the probe");
            else if (phase != "journal scan")
                step("journal scan", StepStatus.Running, "SIGSYS, 203/EXEC, 226/NAMESPACE, EPERM bursts");
        });
    }

    private static string PhaseOk(string phase, string probe) => phase switch
    {
        "settle" => "active, no restart",
        "probe" => "the probe succeeded",
        _ => "nothing suspicious since the restart",
    };

    /// <summary>
    /// Settle, probe, journal scan. <paramref name="phaseDone"/> hears each phase that ran ("settle", "probe",
    /// "journal scan") with the problems it found, so a screen can show them as steps.
    /// </summary>
    public async Task<HealthReport> VerifyAsync(string unit, long sinceUnixMs, HealthCheck check, CancellationToken ct = default,
        Action<string, IReadOnlyList<string>>? phaseDone = null)
    {
        var problems = new List<string>();
        var state = await WaitSettledStateAsync(unit, ct);
        if (state.Active != "active") problems.Add($"{unit} is {state.Active} ({state.Sub}) after the restart");
        else
        {
            var deadline = clock.GetUtcNow() + check.Settle;
            while (clock.GetUtcNow() < deadline && problems.Count == 0)
            {
                await Task.Delay(Poll, clock, ct);
                var now = await StateAsync(unit, ct);
                if (now.Active != "active") problems.Add($"{unit} became {now.Active} ({now.Sub}) within {check.Settle.TotalSeconds:0}s");
                else if (now.Restarts != state.Restarts || now.MainPid != state.MainPid)
                    problems.Add($"{unit} restarted by itself within {check.Settle.TotalSeconds:0}s (restart loop)");
            }
        }
        phaseDone?.Invoke("settle", problems.ToList());
        if (problems.Count == 0 && check.Probe is { Length: > 0 } probe)
        {
            var result = await ProbeAsync(probe, ct);
            if (!result.Ok)
                problems.Add($"the probe failed (exit {result.ExitCode}{(result.TimedOut ? ", timed out" : "")}): {FirstLine(result.Stderr + result.Stdout)}");
            phaseDone?.Invoke("probe", problems.ToList());
        }
        var journal = await JournalProblemsAsync(unit, sinceUnixMs, ct);
        phaseDone?.Invoke("journal scan", journal);
        problems.AddRange(journal);
        return new HealthReport(problems);
    }

    internal async Task<ProcessResult> ProbeAsync(string probe, CancellationToken ct)
    {
        ProcessResult result = null!;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            result = await runner.RunAsync(ProcessSpec.Probe(probe, TimeSpan.FromSeconds(30)), ct);
            if (result.Ok) break;
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
        }
        return result;
    }

    internal async Task<IReadOnlyList<string>> JournalProblemsAsync(string unit, long sinceUnixMs, CancellationToken ct)
    {
        var journal = await runner.RunAsync(ProcessSpec.Of("journalctl", "-u", unit, "--since", $"@{sinceUnixMs / 1000}.{sinceUnixMs % 1000:D3}", "-o", "json", "--no-pager", "-q"), ct);
        return JournalScan.Problems(journal.Stdout);
    }

    internal async Task<UnitState> WaitSettledStateAsync(string unit, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + StartTimeout;
        var state = await StateAsync(unit, ct);
        while (state.Active is "activating" or "reloading" or "deactivating" && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(Poll, clock, ct);
            state = await StateAsync(unit, ct);
        }
        return state;
    }

    internal async Task<UnitState> StateAsync(string unit, CancellationToken ct)
    {
        var p = await systemd.GetPropertiesAsync(unit, ct);
        return new UnitState(p.String("ActiveState") ?? "unknown", p.String("SubState") ?? "unknown",
            p.Number("NRestarts") ?? 0, p.Number("MainPID") ?? 0);
    }

    internal static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";

    internal readonly record struct UnitState(string Active, string Sub, long Restarts, long MainPid);
}
