using HardenTui.Core;
using HardenTui.Core.Findings;
using HardenTui.Core.Tracing;
using HardenTui.Host.Systemd;
using HardenTui.Host.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Tracing;

[Collection("sandbox")]
public class TracerTests(SandboxFixture sandbox)
{
    private StraceWrapperTracer Tracer => new(sandbox.Systemd, sandbox.Runner);

    private readonly TraceHarness _harness = new(sandbox);
    private TraceOptions Options => _harness.Options;
    private static IEnumerable<string> Keys(HardenTui.Core.Findings.Findings f, FindingKind kind) => TraceHarness.Keys(f, kind);
    private Task<bool> ExistsAsync(string path) => _harness.ExistsAsync(path);
    private Task<HardenTui.Core.Findings.Findings> TraceAsync(ITracer tracer, string unit, Func<IRunningTrace, Task> probe) => _harness.TraceAsync(tracer, unit, probe);

    private ITracer TracerFor(string method) => method switch
    {
        "strace" => Tracer,
        "attach" => new AttachTracer(sandbox.Systemd, sandbox.Runner),
        "syscall-log" => new SystemCallLogTracer(sandbox.Systemd, sandbox.Runner),
        _ => throw new ArgumentException(method),
    };

    /// <summary>Requests that make each service do its work while it is traced.</summary>
    private Task ProbeAsync(string unit) => unit == "nginx.service"
        ? sandbox.ShAsync("for i in 1 2 3 4 5; do curl -sf -o /dev/null http://127.0.0.1/; done")
        : sandbox.ShAsync("redis-cli set tracing works && redis-cli get tracing");

    public static TheoryData<string, string> MethodsAndServices() => new()
    {
        { "strace", "nginx.service" }, { "strace", "redis-server.service" },
        { "attach", "nginx.service" }, { "attach", "redis-server.service" },
        { "syscall-log", "nginx.service" }, { "syscall-log", "redis-server.service" },
    };

    [Theory]
    [MemberData(nameof(MethodsAndServices))]
    public async Task Each_method_traces_the_service_and_leaves_nothing_behind(string method, string unit)
    {
        await sandbox.ShAsync($"systemctl start {unit}");
        var mainPid = (await sandbox.Systemd.GetPropertiesAsync(unit)).UNumber("MainPID");
        var findings = await TraceAsync(TracerFor(method), unit, async trace =>
        {
            if (method == "attach") await Task.Delay(500); // strace needs a moment to seize the processes
            var dropIns = string.Join(' ', (await sandbox.Systemd.GetPropertiesAsync(unit)).Strings("DropInPaths"));
            if (method == "strace") dropIns.ShouldContain(StraceWrapperTracer.DropInPath(unit));
            if (method == "syscall-log") dropIns.ShouldContain(SystemCallLogTracer.FileName);
            await ProbeAsync(unit);
            await Task.Delay(600);
            if (method != "syscall-log") trace.Snapshot().Stats.CallsStarted.ShouldBeGreaterThan(0); // live findings while it runs
        });
        findings.Stats.GarbageLines.ShouldBe(0);
        switch (method, unit)
        {
            case ("strace", "nginx.service"):
                Keys(findings, FindingKind.ExecutedFile).ShouldContain("/usr/sbin/nginx");
                Keys(findings, FindingKind.Interpreter).ShouldContain("/lib64/ld-linux-x86-64.so.2");
                Keys(findings, FindingKind.ExecMappedFile).ShouldContain("/lib/x86_64-linux-gnu/libc.so.6");
                Keys(findings, FindingKind.BoundAddress).ShouldContain("AF_INET 0.0.0.0:80");
                Keys(findings, FindingKind.Capability).ShouldContain("CAP_NET_BIND_SERVICE");
                Keys(findings, FindingKind.SocketFamily).ShouldBe(["AF_INET", "AF_INET6", "AF_UNIX"], ignoreOrder: true);
                Keys(findings, FindingKind.PathWritten).ShouldContain(p => p.StartsWith("/var/log/nginx/"));
                Keys(findings, FindingKind.PathWritten).ShouldContain(p => p.StartsWith("/run/"));
                findings.Syscalls.ShouldContain(s => s.Key == "accept4"); // the probe's requests were traced
                break;
            case ("strace", "redis-server.service"):
                Keys(findings, FindingKind.ExecutedFile).ShouldBe(["/usr/bin/redis-server"]);
                Keys(findings, FindingKind.Interpreter).ShouldContain("/lib64/ld-linux-x86-64.so.2");
                Keys(findings, FindingKind.ExecMappedFile).ShouldContain("/lib/x86_64-linux-gnu/libc.so.6");
                Keys(findings, FindingKind.BoundAddress).ShouldContain("AF_INET 127.0.0.1:6379");
                Keys(findings, FindingKind.Capability).ShouldNotContain("CAP_NET_BIND_SERVICE"); // 6379 needs none
                Keys(findings, FindingKind.PathWritten).ShouldContain("/var/log/redis/redis-server.log");
                break;
            case ("attach", _):
                // Only what happens after the attach: the requests, not the exec, loading or bind.
                findings.Syscalls.ShouldContain(s => s.Key == (unit == "nginx.service" ? "accept4" : "epoll_wait"));
                findings.Syscalls.ShouldNotContain(s => s.Key == "execve" || s.Key == "bind");
                if (unit == "nginx.service") Keys(findings, FindingKind.PathRead).ShouldContain("/var/www/html/index.nginx-debian.html");
                (await sandbox.Systemd.GetPropertiesAsync(unit)).UNumber("MainPID").ShouldBe(mainPid); // not restarted
                break;
            case ("syscall-log", _):
                // Both daemons stay inside @system-service, so SystemCallLog=~@system-service logs nothing: they
                // fit SystemCallFilter=@system-service. The kernel-log path itself is tested with ptrace below.
                findings.Syscalls.ShouldBeEmpty();
                break;
        }
    }


    [Fact]
    public async Task A_command_run_twice_while_traced_is_traced_twice_not_overwritten()
    {
        // The restart into the trace already stops the old nginx with the wrapped ExecStop= (the drop-in is loaded
        // by then), and every reload runs the wrapped ExecReload=. strace reopening its file with O_TRUNC lost the
        // earlier run and handed the follower, which had read it, a line cut in the middle (a CI failure: 1 garbage line).
        var dir = $"{StraceWrapperTracer.TraceRoot}/nginx.service";
        string Execs(string file, string program) => $"grep -c 'execve(\"{program}\"' {dir}/{file} || true";
        var findings = await TraceAsync(Tracer, "nginx.service", async _ =>
        {
            (await sandbox.ShAsync(Execs("ExecStop.0", "/sbin/start-stop-daemon"))).Trim().ShouldBe("1"); // the restart's stop
            await Task.Delay(500); // the follower reads it
            await sandbox.ShAsync("systemctl reload nginx; sleep 0.5; systemctl reload nginx");
            (await sandbox.ShAsync(Execs("ExecReload.0", "/usr/sbin/nginx"))).Trim().ShouldBe("2");
            await Task.Delay(500);
        });
        findings.Stats.GarbageLines.ShouldBe(0); // the restore's stop appended to ExecStop.0, after the follower read the first
        findings.SyscallHistogram()["execve"].ShouldBeGreaterThanOrEqualTo(6); // nginx -t, nginx, 2 reloads, 2 stops
    }
    [Fact]
    public async Task Syscall_log_reads_seccomp_records_back_from_the_kernel_log()
    {
        // A service whose main program calls ptrace (outside @system-service) in a loop.
        await sandbox.ShAsync("""
            printf '[Service]\nExecStart=/usr/bin/strace -o /dev/null sh -c "while true; do sleep 0.2; done"\n' > /etc/systemd/system/sclog-probe.service
            systemctl daemon-reload
            """);
        try
        {
            var findings = await TraceAsync(new SystemCallLogTracer(sandbox.Systemd, sandbox.Runner), "sclog-probe.service", _ => Task.Delay(1500));
            findings.SyscallHistogram()["ptrace"].ShouldBeGreaterThan(0);
            findings.Syscalls.ShouldAllBe(s => s.Key != "read"); // inside @system-service: not logged
            findings.Syscalls[0].Evidence[0].ShouldContain("type=1326");
        }
        finally
        {
            await sandbox.ShAsync("systemctl stop sclog-probe.service; rm -f /etc/systemd/system/sclog-probe.service; systemctl daemon-reload");
        }
    }

    [Fact]
    public async Task Audit_is_refused_with_the_reason_where_it_is_unavailable()
    {
        var tracer = new AuditExecveTracer(sandbox.Systemd, sandbox.Runner);
        var reason = (await tracer.UnavailableReasonAsync("nginx.service")).ShouldNotBeNull(); // no auditd in a container
        (await Should.ThrowAsync<BadInputException>(() => tracer.StartAsync("nginx.service", Options))).Message.ShouldBe(reason);
    }

    [Fact]
    public async Task Audit_in_a_container_is_unavailable_because_the_kernel_refuses_audit_control()
    {
        // A sandbox of its own with auditd installed: auditd.service fails and auditctl gets EPERM, because the
        // kernel accepts audit netlink requests only from the initial PID namespace (kernel/audit.c audit_netlink_ok).
        await using var withAuditd = await HardenTui.Host.Sandbox.Sandbox.BootAsync(new() { Packages = ["auditd"] });
        var tracer = new AuditExecveTracer(DbusSystemd.For(withAuditd.Runner), withAuditd.Runner);
        var reason = (await tracer.UnavailableReasonAsync("systemd-journald.service")).ShouldNotBeNull();
        reason.ShouldContain("Operation not permitted");
        reason.ShouldContain("auditd cannot run here");
    }

    [Fact]
    public async Task A_drop_in_left_by_a_crash_is_removed_at_the_next_start_and_foreign_ones_are_kept()
    {
        await sandbox.ShAsync($$"""
            mkdir -p /run/systemd/system/memcached.service.d /run/systemd/system/cron.service.d
            printf '%s\n[Service]\nEnvironment=CRASHED=1\n' '{{StraceDropIn.Marker}}' > /run/systemd/system/memcached.service.d/{{StraceDropIn.FileName}}
            printf '[Service]\nEnvironment=SOMEONE_ELSE=1\n' > /run/systemd/system/cron.service.d/{{StraceDropIn.FileName}}
            """);
        (await Tracer.RemoveLeftoversAsync()).ShouldBe(1);
        (await ExistsAsync($"/run/systemd/system/memcached.service.d/{StraceDropIn.FileName}")).ShouldBeFalse();
        (await ExistsAsync($"/run/systemd/system/cron.service.d/{StraceDropIn.FileName}")).ShouldBeTrue();
        await sandbox.ShAsync("rm -rf /run/systemd/system/cron.service.d /run/systemd/system/memcached.service.d; systemctl daemon-reload");
    }
}
