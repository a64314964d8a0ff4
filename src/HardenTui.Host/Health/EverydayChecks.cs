// What a probe at apply time does not see (seed 003: "sometimes the service tries to read a random path after a
// week of runtime"): a reload, as logrotate and config changes do it (ExecReload= can need capabilities the start
// never used: mosquitto's `/bin/kill -HUP $MAINPID` needs CAP_KILL), and a soak that watches the journal and the
// kernel log for denials of the unit's processes while it serves. Each is a step the apply screen and the CLI show.
using HardenTui.Core.Tracing;
using HardenTui.Core.Wizard;
using HardenTui.Host.Apply;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;
using HardenTui.Host.Tracing;

namespace HardenTui.Host.Health;

internal sealed class EverydayChecks(ServiceHealth health, ISystemd systemd, IProcessRunner runner, TimeProvider clock)
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    public async Task<HealthReport> RunAsync(string unit, long sinceUnixMs, HealthCheck check, StepReport? step, CancellationToken ct)
    {
        var props = await systemd.GetPropertiesAsync(unit, ct);
        if (check.Reload && props.Bool("CanReload") == true)
        {
            var reload = await ReloadAsync(unit, check, step, ct);
            if (reload.Count > 0) return new HealthReport(reload);
        }
        else step?.Invoke("reload", StepStatus.Skipped, check.Reload ? $"{unit} cannot reload (no ExecReload=)" : "not asked for");
        if (check.Soak <= TimeSpan.Zero)
        {
            step?.Invoke("soak", StepStatus.Skipped, "no soak asked for (--soak N)");
            return new HealthReport([]);
        }
        var soak = await SoakAsync(unit, sinceUnixMs, check.Soak, UnitSettings.Programs(props), step, ct);
        return new HealthReport(soak) { InSoak = soak.Count > 0 };
    }

    /// <summary>`systemctl reload`, then active, not restarted, the probe and a clean journal since.</summary>
    private async Task<List<string>> ReloadAsync(string unit, HealthCheck check, StepReport? step, CancellationToken ct)
    {
        step?.Invoke("reload", StepStatus.Running, $"systemctl reload {unit}");
        var since = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var before = await health.StateAsync(unit, ct);
        var problems = new List<string>();
        try { await systemd.ReloadAsync(unit, TimeSpan.FromSeconds(90), ct); }
        catch (SystemdException e) when (e is not SystemdAccessDeniedException) { problems.Add($"reloading {unit} failed: {e.Message}"); }
        var after = await health.WaitSettledStateAsync(unit, ct);
        if (after.Active != "active") problems.Add($"{unit} is {after.Active} ({after.Sub}) after the reload");
        else if (after.Restarts != before.Restarts) problems.Add($"{unit} restarted during the reload");
        if (problems.Count == 0 && check.Probe is { Length: > 0 } probe && await health.ProbeAsync(probe, ct) is { Ok: false } failed)
            problems.Add($"probe `{probe}` failed after the reload (exit {failed.ExitCode}): {ServiceHealth.FirstLine(failed.Stderr + failed.Stdout)}");
        problems.AddRange(await health.JournalProblemsAsync(unit, since, ct));
        step?.Invoke("reload", problems.Count == 0 ? StepStatus.Done : StepStatus.Failed,
            problems.Count == 0 ? "reloaded; still active" + (check.Probe is { Length: > 0 } ? ", probe passes" : "") : string.Join("; ", problems));
        return problems;
    }

    /// <summary>Watches for <paramref name="length"/>: the unit stays active without restarting, its journal stays clean, and
    /// the kernel log has no SECCOMP record of its programs. The step's detail counts down.</summary>
    private async Task<List<string>> SoakAsync(string unit, long sinceUnixMs, TimeSpan length, IReadOnlyList<string> programs, StepReport? step,
        CancellationToken ct)
    {
        var serial = await KernelSeccompLog.LastSerialAsync(runner, ct);
        // Denials only: a SECCOMP_RET_LOG record (SystemCallLog=, or a trace of the same program) was allowed. The kernel
        // log knows programs, not units or containers: another instance of the same program anywhere on the machine
        // (a container) shows up here too.
        var kernel = new KernelSeccompLog(runner, r => !r.Logged && programs.Contains(r.Exe), serial, sinceUnixMs / 1000);
        var start = await health.StateAsync(unit, ct);
        var end = clock.GetUtcNow() + length;
        var problems = new List<string>();
        while (problems.Count == 0)
        {
            var left = end - clock.GetUtcNow();
            step?.Invoke("soak", StepStatus.Running, $"{Math.Max(0, Math.Ceiling(left.TotalSeconds)):0} s left: watching the journal and the kernel log for denials");
            if (left <= TimeSpan.Zero) break;
            await Task.Delay(left < Tick ? left : Tick, clock, ct);
            var now = await health.StateAsync(unit, ct);
            if (now.Active != "active") problems.Add($"{unit} became {now.Active} ({now.Sub}) during the soak");
            else if (now.Restarts != start.Restarts || now.MainPid != start.MainPid) problems.Add($"{unit} restarted during the soak");
            problems.AddRange(await health.JournalProblemsAsync(unit, sinceUnixMs, ct));
            var records = new List<string>();
            await kernel.PollAsync(records.Add, ct);
            problems.AddRange(records.Select(SeccompRecord.TryParse).OfType<SeccompRecord>().Take(3)
                .Select(s => $"the kernel logged a filtered system call of {s.Exe}: {s.Syscall ?? "#" + s.SyscallNumber} (SystemCallFilter=)"));
        }
        step?.Invoke("soak", problems.Count == 0 ? StepStatus.Done : StepStatus.Failed,
            problems.Count == 0 ? $"{length.TotalSeconds:0} s without a denial" : string.Join("; ", problems));
        return problems;
    }
}
