using HardenTui.Core.Findings;
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
        (await sandbox.ShAsync("auditctl -l 2>/dev/null | grep -F 'key=hardentui-' || true")).Trim().ShouldBeEmpty();
    }

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
