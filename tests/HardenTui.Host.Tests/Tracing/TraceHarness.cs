using HardenTui.Core.Findings;
using HardenTui.Host.Process;
using HardenTui.Host.Tracing;
using Shouldly;

namespace HardenTui.Host.Tests.Tracing;

/// <summary>Traces a unit in the shared sandbox and checks that the unit is as it was and nothing of ours is left.</summary>
internal sealed class TraceHarness(SandboxFixture sandbox)
{
    public TraceOptions Options => new() { InterpreterOf = new ExecutableInterpreters(sandbox.Sandbox.RootPath).Of, PollInterval = TimeSpan.FromMilliseconds(200) };

    public static IEnumerable<string> Keys(HardenTui.Core.Findings.Findings f, FindingKind kind) => f[kind].Select(i => i.Key);

    private async Task<(string Active, string DropIns)> StateAsync(string unit)
    {
        var p = await sandbox.Systemd.GetPropertiesAsync(unit);
        return (p.String("ActiveState")!, string.Join(' ', p.Strings("DropInPaths")));
    }

    /// <summary>Inside the sandbox: /run is the container's own tmpfs, invisible through the overlay root.</summary>
    public async Task<bool> ExistsAsync(string path) => (await sandbox.ShAsync($"test -e '{path}' && echo yes || true")).Trim() == "yes";

    private async Task ShouldLeaveNothingBehindAsync(string unit, (string Active, string DropIns) before)
    {
        (await StateAsync(unit)).ShouldBe(before);
        (await ExistsAsync(StraceWrapperTracer.DropInPath(unit))).ShouldBeFalse();
        (await ExistsAsync($"/run/systemd/system/{unit}.d/{SystemCallLogTracer.FileName}")).ShouldBeFalse();
        (await ExistsAsync($"/run/systemd/system/{unit}.d")).ShouldBeFalse(); // the runtime directory we made is gone too
        (await ExistsAsync(StraceWrapperTracer.TraceRoot)).ShouldBeFalse();
        (await sandbox.ShAsync("pgrep -f '[/]run/hardentui-trace' || true")).Trim().ShouldBeEmpty(); // every strace of ours writes there ([/]: not this shell)
        (await HostAuditRulesAsync()).ShouldNotContain("key=hardentui-");
    }

    /// <summary>
    /// `auditctl -l` on this machine: the kernel keeps one audit rule list, controlled only from the initial PID
    /// namespace (inside the sandbox auditctl is refused, so a check there would pass whatever is left).
    /// </summary>
    public static async Task<string> HostAuditRulesAsync() =>
        (await LocalProcessRunner.Instance.RunAsync(ProcessSpec.Of("sh", "-c", "auditctl -l 2>/dev/null || true"))).Stdout;

    /// <summary>Starts the unit, traces it while the probe runs, stops, and checks the unit is as it was.</summary>
    public async Task<HardenTui.Core.Findings.Findings> TraceAsync(ITracer tracer, string unit, Func<IRunningTrace, Task> probe)
    {
        await sandbox.ShAsync($"systemctl start {unit}");
        var before = await StateAsync(unit);
        HardenTui.Core.Findings.Findings findings;
        await using (var trace = await tracer.StartAsync(unit, Options))
        {
            await probe(trace);
            findings = await trace.StopAsync();
        }
        await ShouldLeaveNothingBehindAsync(unit, before);
        return findings;
    }
}
