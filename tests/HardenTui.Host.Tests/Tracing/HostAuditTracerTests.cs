using HardenTui.Core.Findings;
using HardenTui.Host.Process;
using HardenTui.Host.Tracing;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace HardenTui.Host.Tests.Tracing;

/// <summary>
/// The audit method for real: audit control (auditctl, ausearch, auditd) runs on this machine, in the initial PID
/// namespace where the kernel accepts it, while the traced units run in the sandbox's systemd. Audit records carry
/// pids as this machine sees them, so the tracer is told the sandbox's init pid as the service manager's.
/// Never skips: where audit cannot be used here, the test fails with the reason.
/// </summary>
[Collection("sandbox")]
public class HostAuditTracerTests(SandboxFixture sandbox, ITestOutputHelper output)
{
    private readonly TraceHarness _harness = new(sandbox);

    [Theory]
    [InlineData("nginx.service", "curl -sf http://127.0.0.1/", "/usr/sbin/nginx")]
    [InlineData("redis-server.service", "redis-cli set k v && redis-cli save", "/usr/bin/redis-server")]
    public async Task Audit_on_the_host_traces_the_execs_of_a_sandbox_service(string unit, string probe, string program)
    {
        await using (await HostAuditd.EnsureRunningAsync())
        {
            var tracer = new AuditExecveTracer(sandbox.Systemd, LocalProcessRunner.Instance, managerPid: sandbox.Sandbox.LeaderPid);
            (await tracer.UnavailableReasonAsync(unit)).ShouldBeNull();
            var findings = await _harness.TraceAsync(tracer, unit, async trace =>
            {
                (await TraceHarness.HostAuditRulesAsync()).ShouldContain("key=" + AuditExecveTracer.KeyOf(unit));
                await sandbox.ShAsync(probe);
                // auditd writes the records a moment after the exec; wait for them rather than for a fixed time.
                for (var i = 0; i < 50 && !TraceHarness.Keys(trace.Snapshot(), FindingKind.ExecutedFile).Contains(program); i++)
                    await Task.Delay(200);
            });
            output.WriteLine($"{unit} (manager pid {sandbox.Sandbox.LeaderPid} on this machine) executed: {string.Join(", ", TraceHarness.Keys(findings, FindingKind.ExecutedFile))}");
            TraceHarness.Keys(findings, FindingKind.ExecutedFile).ShouldContain(program);
            // Attributed by the process tree under the sandbox's init: this test's own execs on the host
            // (auditctl, ausearch, nsenter, sh) match the rule too, but are not the unit's.
            TraceHarness.Keys(findings, FindingKind.ExecutedFile).ShouldNotContain(p => p.EndsWith("/ausearch") || p.EndsWith("/nsenter"));
        }
        (await TraceHarness.HostAuditRulesAsync()).ShouldNotContain("key=hardentui-");
    }

    /// <summary>
    /// auditd on this machine for the test: the one running is used as it is; otherwise we start one and, at
    /// dispose, stop exactly that one (by its pid) and put the kernel's audit enabled flag back as it was.
    /// </summary>
    private sealed class HostAuditd : IAsyncDisposable
    {
        private static readonly IProcessRunner Local = LocalProcessRunner.Instance;
        private readonly int? _startedPid;
        private readonly string? _enabledBefore;

        private HostAuditd(int? startedPid, string? enabledBefore) => (_startedPid, _enabledBefore) = (startedPid, enabledBefore);

        public static async Task<HostAuditd> EnsureRunningAsync()
        {
            if ((await Local.RunAsync(ProcessSpec.Of("pidof", "auditd"))).Ok) return new(null, null);
            var status = await Local.RunAsync(ProcessSpec.Of("auditctl", "-s"));
            if (!status.Ok)
                throw new InvalidOperationException($"AUDIT UNAVAILABLE on this machine, the test fails rather than skips: auditctl -s: {status.Stderr.Trim()}{status.Stdout.Trim()}");
            var enabled = Field(status.Stdout, "enabled");
            // auditd daemonizes: it returns once the daemon is up and has written its pid file.
            var start = await Local.RunAsync(new ProcessSpec("auditd", [], Timeout: TimeSpan.FromSeconds(30)));
            if (!start.Ok) throw new InvalidOperationException($"auditd did not start: exit {start.ExitCode}: {start.Stderr.Trim()}");
            var pid = int.Parse((await File.ReadAllTextAsync("/run/auditd.pid")).Trim());
            return new(pid, enabled);
        }

        private static string? Field(string status, string name) =>
            status.Split('\n').Select(l => l.Split(' ', 2)).FirstOrDefault(f => f.Length == 2 && f[0] == name)?[1].Trim();

        public async ValueTask DisposeAsync()
        {
            if (_startedPid is not { } pid) return;
            await Local.RunAsync(ProcessSpec.Of("kill", "-TERM", pid.ToString()));
            for (var i = 0; i < 100 && Alive(pid); i++) await Task.Delay(100);
            Alive(pid).ShouldBeFalse($"the auditd we started (pid {pid}) did not stop");
            // auditd turns auditing on and leaves it on when it exits.
            if (_enabledBefore == "0") (await Local.RunAsync(ProcessSpec.Of("auditctl", "-e", "0"))).Ok.ShouldBeTrue();
        }

        /// <summary>Running, as opposed to gone or a zombie its (new) parent has not reaped yet.</summary>
        private static bool Alive(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}
