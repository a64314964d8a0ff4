using HardenTui.Core.Findings;
using HardenTui.Host.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Tracing;

/// <summary>The strace wrapper on every kind of start-up systemd has: each probe unit reads a marker file the trace must see.</summary>
[Collection("sandbox")]
public class StraceWrapperServiceTypeTests(SandboxFixture sandbox)
{
    private const string Loop = "while :; do cat /etc/hostname >/dev/null; sleep 0.2; done";

    public static TheoryData<string, string, string> Units() => new()
    {
        { "type-simple.service", "type-simple.service", $"Type=simple\nExecStart=/bin/sh -c '{Loop}'" },
        { "type-exec.service", "type-exec.service", $"Type=exec\nExecStartPre=/bin/cat /etc/os-release\nExecStart=/bin/sh -c '{Loop}'" },
        { "type-oneshot.service", "type-oneshot.service", "Type=oneshot\nRemainAfterExit=yes\nExecStart=/bin/cat /etc/hostname\nExecStartPost=/bin/true" },
        { "type-forking.service", "type-forking.service",
            $"Type=forking\nPIDFile=/run/type-forking.pid\nExecStart=/bin/sh -c '( {Loop} ) & echo $! > /run/type-forking.pid'" },
        { "type-template@.service", "type-template@one.service", "Type=simple\nExecStart=/bin/sh -c 'echo %i >/dev/null; " + Loop + "'" },
    };

    [Theory]
    [MemberData(nameof(Units))]
    public async Task Traced_and_restored(string file, string unit, string service)
    {
        var path = $"/etc/systemd/system/{file}";
        await File.WriteAllTextAsync(sandbox.HostPath(path), $"[Service]\n{service}\n");
        await sandbox.ShAsync("systemctl daemon-reload");
        try
        {
            var harness = new TraceHarness(sandbox);
            var findings = await harness.TraceAsync(new StraceWrapperTracer(sandbox.Systemd, sandbox.Runner), unit, _ => Task.Delay(1000));
            TraceHarness.Keys(findings, FindingKind.PathRead).ShouldContain("/etc/hostname");
            TraceHarness.Keys(findings, FindingKind.ExecutedFile).ShouldContain(p => p == "/bin/sh" || p == "/bin/cat");
            findings.Stats.GarbageLines.ShouldBe(0);
            if (unit == "type-exec.service") TraceHarness.Keys(findings, FindingKind.PathRead).ShouldContain("/etc/os-release"); // ExecStartPre traced too
        }
        finally
        {
            await sandbox.ShAsync($"systemctl stop {unit}; rm -f {path}; systemctl daemon-reload");
        }
    }
}
