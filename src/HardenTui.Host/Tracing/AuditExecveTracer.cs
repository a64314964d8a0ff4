// Traces which programs a service executes with an audit rule on execve/execveat under our own key
// ("hardentui-UNIT"), removed by exactly that rule (never auditctl -D, which deletes everyone's rules), read back
// with ausearch -i. Offered only where auditd runs: without it, records go nowhere ausearch can read. The unit
// is restarted after the rule is in place so its start-up execs are seen; execs are attributed to the unit by
// the process tree (the service manager's child running one of the unit's programs, then their descendants).
// Audit records carry pids as the initial PID namespace sees them: the manager is pid 1 on a host, and a
// container's init as the host sees it when the host's audit traces a container's units (managerPid).
using System.Globalization;
using HardenTui.Core;
using HardenTui.Core.Findings;
using HardenTui.Core.Tracing;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

/// <param name="systemd">The service manager whose unit is traced (restarted so its start-up execs are seen).</param>
/// <param name="runner">Where auditctl and ausearch run: in the initial PID namespace, the only place the kernel takes audit control from.</param>
/// <param name="managerPid">That manager's pid as audit records show it: 1 on a host; for a container's systemd, the container's init as the host sees it.</param>
public sealed class AuditExecveTracer(ISystemd systemd, IProcessRunner runner, int managerPid = 1) : ITracer
{
    public string Method => "audit";
    public string Sees => "only the programs the service executes";

    public static string KeyOf(string unit) => "hardentui-" + unit;

    private static IReadOnlyList<string> Rule(string op, string unit) =>
        [op, "always,exit", "-F", "arch=b64", "-S", "execve,execveat", "-k", KeyOf(unit)];

    public async Task<string?> UnavailableReasonAsync(string unit, CancellationToken ct = default)
    {
        if (!(await runner.RunAsync(ProcessSpec.Of("sh", "-c", "command -v auditctl && command -v ausearch"), ct)).Ok)
            return "auditctl/ausearch are not installed (apt-get install auditd)";
        if ((await runner.RunAsync(ProcessSpec.Of("pidof", "auditd"), ct)).Ok) return null;
        var status = await runner.RunAsync(ProcessSpec.Of("auditctl", "-s"), ct);
        if (status.Ok) return "auditd is not running (systemctl start auditd), so audit records cannot be read back with ausearch";
        // kernel/audit.c audit_netlink_ok(): audit control is refused outside the initial user and PID namespace.
        return $"auditd cannot run here: the kernel refuses audit control (auditctl -s: {status.Stderr.Trim()}); "
            + "inside a container audit is not namespaced, only the host's auditd can trace";
    }

    public async Task<IRunningTrace> StartAsync(string unit, TraceOptions options, CancellationToken ct = default)
    {
        if (await UnavailableReasonAsync(unit, ct) is { } reason) throw new BadInputException(reason);
        var props = await systemd.GetPropertiesAsync(unit, ct);
        var wasActive = StraceWrapperTracer.IsActive(props);
        var programs = UnitCommands.Of(props).Values.SelectMany(c => c).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        var since = DateTime.Now.AddSeconds(-1);
        var add = await runner.RunAsync(new ProcessSpec("auditctl", Rule("-a", unit)), ct);
        if (!add.Ok) throw new SystemdException($"auditctl: {add.Stderr.Trim()}");
        async Task Remove(CancellationToken token)
        {
            await runner.RunAsync(new ProcessSpec("auditctl", Rule("-d", unit)), token);
            if (!wasActive) await systemd.StopAsync(unit, options.JobTimeout, token);
        }
        try
        {
            await systemd.RestartAsync(unit, options.JobTimeout, ct);
        }
        catch
        {
            await Remove(CancellationToken.None);
            throw;
        }
        var source = new AusearchSource(runner, KeyOf(unit), since, programs, managerPid);
        return new FollowedTrace(unit, options, [source], Remove, _ => Task.CompletedTask);
    }

    /// <summary>Polls ausearch for our key and hands out one PATH item=0 record per exec of the unit's process tree.</summary>
    private sealed class AusearchSource(IProcessRunner runner, string key, DateTime since, IReadOnlySet<string> programs, int managerPid) : ITraceSource
    {
        private readonly HashSet<string> _seen = [];
        private readonly HashSet<int> _tree = [];

        public async Task<bool> PollAsync(Action<string> onLine, CancellationToken ct)
        {
            // ausearch parses --start's date with strptime("%x"), the locale's date format; under LC_ALL=C that is
            // mm/dd/yy, two-digit year (a four-digit year is "Error parsing start date", and no records at all).
            // --input-logs: with stdin not a terminal (ours is a pipe) ausearch reads records from stdin, not the logs.
            var r = await runner.RunAsync(new ProcessSpec("env",
                ["LC_ALL=C", "ausearch", "--input-logs", "-i", "-k", key, "--start", since.ToString("MM/dd/yy", CultureInfo.InvariantCulture), since.ToString("HH:mm:ss", CultureInfo.InvariantCulture)]), ct);
            // "<no matches>" (exit 1) is an empty answer; anything else (a bad date, an unreadable log) would
            // otherwise look like a service that executes nothing.
            if (!r.Ok && !r.Stderr.Contains("<no matches>", StringComparison.Ordinal))
                throw new SystemdException($"ausearch failed: {r.Stderr.Trim().Split('\n')[0]}");
            var parser = new AusearchParser();
            var any = false;
            var events = r.Stdout.Split('\n').Select(parser.Accept).ToList();
            events.Add(parser.Flush());
            foreach (var e in events.OfType<AusearchEvent>())
            {
                if (!e.Success || !e.Paths.TryGetValue(0, out var path) || !_seen.Add(e.Id)) continue;
                if (!(_tree.Contains(e.Ppid) || (e.Ppid == managerPid && programs.Contains(path)))) continue;
                _tree.Add(e.Pid);
                any = true;
                onLine($"type=PATH msg=audit({e.Id}) : item=0 name={path}");
            }
            return any;
        }

        public async Task DrainAsync(Action<string> onLine, CancellationToken ct)
        {
            while (await PollAsync(onLine, ct)) { }
        }

        public void Feed(FindingsBuilder builder, string line) =>
            builder.AcceptExecutedFile(line[(line.IndexOf(" name=", StringComparison.Ordinal) + 6)..], System.Text.Encoding.UTF8.GetBytes(line));
    }
}
