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
        catch
        {
            // On a failed assertion the traced hardentui would go on for its 300 s with nginx under strace and a live
            // journal entry, failing the tests after this one: end it and let a next start put nginx back.
            await sandbox.ShAsync("kill -9 $(cat /tmp/auto.pid) 2>/dev/null || true");
            await sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [cli, "propose", unit], Timeout: TimeSpan.FromMinutes(2)));
            throw;
        }
    }

    private async Task KilledAndRecoveredAsync(string unit, string cli, string runtime, RunningProcess apply)
    {
        // Wait for the unit to be active under strace, not for the first strace seen: nginx's ExecStartPre= runs under
        // a short strace of its own, and hardentui may run strace briefly before it restarts the unit.
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

    /// <summary>
    /// The unit is active and a strace runs in its own cgroup (a bare `pgrep strace` also sees short-lived ones,
    /// such as hardentui checking strace is there before it restarts the unit).
    /// </summary>
    private async Task<bool> TracedAndActiveAsync(string unit) =>
        (await sandbox.ShAsync($"systemctl is-active {unit} || true")).Trim() == "active"
        && (await sandbox.ShAsync($"for p in $(pgrep -x strace); do grep -qx '0::/system.slice/{unit}' /proc/$p/cgroup 2>/dev/null && echo yes; done; true")).Contains("yes");

    /// <summary>Whether a strace runs in the sandbox (nginx is Type=forking, so strace --daemonize is not its MainPID).</summary>
    private async Task<bool> StraceRunsAsync() =>
        (await sandbox.ShAsync("pgrep -x strace >/dev/null && echo yes || echo no")).Trim() == "yes";
}
