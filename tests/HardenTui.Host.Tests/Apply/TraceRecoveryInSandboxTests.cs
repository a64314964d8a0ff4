using HardenTui.Core.Overrides;
using HardenTui.Core.Tracing;
using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Apply;

/// <summary>
/// kill -9 of a real `hardentui apply --auto` (or `hardentui trace`) while it traces: the unit is left running under strace through the
/// runtime drop-in (/run/systemd/system/UNIT.d/, the container's own tmpfs, so checked from inside). The next
/// start of hardentui removes the drop-in and restarts the unit with its own configuration.
/// </summary>
[Collection("sandbox")]
public class TraceRecoveryInSandboxTests(SandboxFixture sandbox)
{
    [Theory]
    [InlineData("apply nginx.service --auto --yes --probe 'curl -sf http://127.0.0.1/ >/dev/null' --trace-seconds 300")]
    [InlineData("trace nginx.service --seconds 300")]
    public async Task Kill_9_of_hardentui_during_a_trace_is_undone_by_the_next_start(string arguments)
    {
        const string unit = "nginx.service";
        var cli = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var runtime = "/" + DropInPaths.RuntimeFile(unit, StraceDropIn.FileName);
        await sandbox.ShAsync($"systemctl restart {unit}");
        (await StraceRunsAsync()).ShouldBeFalse();
        using var apply = sandbox.Runner.Start(new ProcessSpec("sh", ["-c",
            $"echo $$ > /tmp/auto.pid; exec dotnet {cli} {arguments}"]));
        try
        {
            await KilledAndRecoveredAsync(unit, cli, runtime, apply);
        }
        finally
        {
            // On a failed assertion the traced hardentui would go on for its 300 s, and its live journal entry would
            // fail the next test that expects an empty journal: end it, so the next start recovers it.
            await sandbox.ShAsync("kill -9 $(cat /tmp/auto.pid) 2>/dev/null || true");
        }
    }

    private async Task KilledAndRecoveredAsync(string unit, string cli, string runtime, RunningProcess apply)
    {
        // The ExecStartPre= (nginx -t) runs under a strace of its own that exits before ExecStart='s starts: wait for
        // the unit to be active under strace, not for the first strace seen.
        for (var i = 0; i < 600 && !await TracedAndActiveAsync(unit); i++) await Task.Delay(100);
        (await TracedAndActiveAsync(unit)).ShouldBeTrue("hardentui never started its trace");

        await sandbox.ShAsync("kill -9 $(cat /tmp/auto.pid)");
        await apply.Exited;
        (await sandbox.ShAsync($"test -e {runtime} && echo present")).Trim().ShouldBe("present");
        (await StraceRunsAsync()).ShouldBeTrue(); // nginx still runs traced: nobody put it back yet
        Directory.GetFiles(sandbox.HostPath("/" + DropInPaths.JournalDirectory)).ShouldNotBeEmpty();

        var next = await sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [cli, "propose", unit], Timeout: TimeSpan.FromMinutes(2)));

        next.ExitCode.ShouldBe(0, next.Stderr);
        next.Stderr.ShouldContain($"undid an interrupted trace of {unit}");
        (await sandbox.ShAsync($"test -e {runtime} && echo present || echo gone")).Trim().ShouldBe("gone");
        (await sandbox.ShAsync($"systemctl show -p Environment --value {unit}")).ShouldNotContain("HARDENTUI");
        (await sandbox.ShAsync($"systemctl is-active {unit}")).Trim().ShouldBe("active");
        (await StraceRunsAsync()).ShouldBeFalse();
        File.Exists(sandbox.HostPath("/" + DropInPaths.PersistentFile(unit))).ShouldBeFalse();
        Directory.GetFiles(sandbox.HostPath("/" + DropInPaths.JournalDirectory)).ShouldBeEmpty();
    }

    /// <summary>Whether a strace runs in the sandbox (nginx is Type=forking, so strace --daemonize is not its MainPID).</summary>
    private async Task<bool> TracedAndActiveAsync(string unit) =>
        (await sandbox.ShAsync($"systemctl is-active {unit} || true")).Trim() == "active" && await StraceRunsAsync();

    private async Task<bool> StraceRunsAsync() =>
        (await sandbox.ShAsync("pgrep -x strace >/dev/null && echo yes || echo no")).Trim() == "yes";
}
