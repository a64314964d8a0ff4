// Traces with no ptrace at all: a runtime drop-in sets SystemCallLog= so the kernel logs every call outside the
// allowed set (default @system-service) as a SECCOMP audit record; we read them back (KernelSeccompLog) and map
// numbers to names. Lowest overhead, but it sees syscall names only (no paths, no arguments). Where no auditd
// takes the records, the kernel prints them under printk_ratelimit() (kernel/audit.c kauditd_printk_skb), so a
// storm of calls is thinned out in dmesg: names survive, counts are lower bounds.
using HardenTui.Core;
using HardenTui.Core.Tracing;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

public sealed class SystemCallLogTracer(ISystemd systemd, IProcessRunner runner, string allowed = "@system-service") : ITracer
{
    public const string FileName = "zz-hardentui-syscall-log.conf";
    public string Method => "syscall-log";
    public string Sees => $"only the names of syscalls outside {allowed} (none: the service fits SystemCallFilter={allowed}); "
        + "without auditd the kernel rate-limits these records (dmesg: kauditd_printk_skb: N callbacks suppressed), so counts are lower bounds";

    public async Task<string?> UnavailableReasonAsync(string unit, CancellationToken ct = default)
    {
        var r = await runner.RunAsync(new ProcessSpec("sh", ["-c", "dmesg >/dev/null"]), ct);
        return r.Ok ? null : "the kernel log is not readable here (dmesg failed), so SECCOMP records cannot be read back";
    }

    public async Task<IRunningTrace> StartAsync(string unit, TraceOptions options, CancellationToken ct = default)
    {
        if (await UnavailableReasonAsync(unit, ct) is { } reason) throw new BadInputException(reason);
        var dropIns = new RuntimeDropIns(systemd, runner);
        await dropIns.RemoveLeftoversAsync(ct);
        var props = await systemd.GetPropertiesAsync(unit, ct);
        var programs = UnitCommands.Of(props).Values.SelectMany(c => c).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        var serial = await KernelSeccompLog.LastSerialAsync(runner, ct);
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        var text = $"{StraceDropIn.Marker}\n[Service]\nSystemCallLog=~{allowed}\n";
        var restore = await dropIns.ApplyAsync(unit, FileName, text, StraceWrapperTracer.IsActive(props), options.JobTimeout, ct);
        var source = new KernelSeccompLog(runner, r => r.Logged && programs.Contains(r.Exe), serial, since);
        return new FollowedTrace(unit, options, [source], restore, _ => Task.CompletedTask);
    }
}
