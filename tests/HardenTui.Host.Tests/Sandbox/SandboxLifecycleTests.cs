using System.Diagnostics;
using HardenTui.Host.Sandbox;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Lifecycle;

/// <summary>Boots extra sandboxes of its own; in the sandbox collection so it never boots beside the shared one's tests.</summary>
[Collection("sandbox")]
public class SandboxLifecycleTests
{
    private const string StateRoot = "/run/hardentui/test-lifecycle";

    [Fact]
    public async Task Leftovers_of_a_killed_owner_are_cleaned_by_the_next_boot()
    {
        // A separate process owns a sandbox, and is killed with SIGKILL while the sandbox runs.
        var (owner, stale, nspawn) = await StartOwnerAsync();
        owner.Kill();
        await owner.WaitForExitAsync();
        nspawn.IsAlive.ShouldBeTrue("killing the owner alone must leave the container behind (the case being tested)");
        MountTable.Below(stale).ShouldNotBeEmpty();

        await using (var next = await HardenTui.Host.Sandbox.Sandbox.BootAsync(new SandboxOptions { StateRoot = StateRoot }))
        {
            (await next.Runner.RunAsync(HardenTui.Host.Process.ProcessSpec.Of("systemctl", "is-system-running"))).Stdout.Trim()
                .ShouldBeOneOf("running", "degraded");
            nspawn.IsAlive.ShouldBeFalse();
            MountTable.Below(stale).ShouldBeEmpty();
            Directory.Exists(stale).ShouldBeFalse();
        }
        Directory.GetDirectories(StateRoot).ShouldBeEmpty();
        MountTable.Below(StateRoot).ShouldBeEmpty();
    }

    /// <summary>`hardentui sandbox -- sleep 600` in a process of its own, once it says its sandbox is ready.</summary>
    private static async Task<(System.Diagnostics.Process Owner, string Dir, HardenTui.Host.Process.ProcessIdentity Nspawn)> StartOwnerAsync()
    {
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        // SIGHUP back to its default first: a run under nohup (or any parent ignoring it) passes the ignore on, and a
        // hardentui started that way rightly keeps ignoring hang-ups, which is not the case under test.
        var owner = System.Diagnostics.Process.Start(new ProcessStartInfo("env", ["--default-signal=HUP", "dotnet", app, "sandbox", "--", "sleep", "600"])
        {
            RedirectStandardError = true, Environment = { ["HARDENTUI_SANDBOX_STATE"] = StateRoot },
        })!;
        var ready = false;
        while (!ready && await owner.StandardError.ReadLineAsync() is { } line) ready = line.Contains("sandbox ready");
        ready.ShouldBeTrue("the owning process never reported its sandbox ready");
        var dir = Directory.GetDirectories(StateRoot).ShouldHaveSingleItem();
        return (owner, dir, new SandboxDirectory(dir).Nspawn.ShouldNotBeNull());
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public async Task A_terminated_or_hung_up_cli_tears_its_sandbox_down_before_it_exits(string signal)
    {
        var (owner, dir, nspawn) = await StartOwnerAsync();

        (await HardenTui.Host.Process.LocalProcessRunner.Instance.RunAsync(
            HardenTui.Host.Process.ProcessSpec.Of("kill", $"-{signal}", owner.Id.ToString()))).ExitCode.ShouldBe(0);
        var rest = owner.StandardError.ReadToEndAsync();
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            // A teardown that hangs (an nsenter left running is stopped by the container's shutdown) fails here, bounded.
            var exited = await Task.Run(() => owner.WaitForExit(TimeSpan.FromSeconds(90)), limit.Token);
            exited.ShouldBeTrue($"the CLI did not exit within 90 s of SIG{signal}");
        }

        owner.ExitCode.ShouldBe(143, await rest);
        (await rest).ShouldContain("hardentui: sandbox: stopped by a signal; torn down");
        nspawn.IsAlive.ShouldBeFalse("the container outlived its owner");
        MountTable.Below(dir).ShouldBeEmpty();
        Directory.Exists(dir).ShouldBeFalse();
    }

    [Fact]
    public async Task Cli_runs_a_command_inside_and_exits_with_its_status()
    {
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var r = await HardenTui.Host.Process.LocalProcessRunner.Instance.RunAsync(new HardenTui.Host.Process.ProcessSpec("dotnet",
            [app, "sandbox", "--", "sh", "-c", "systemctl is-system-running; cat /proc/1/comm; pwd; exit 7"],
            Timeout: TimeSpan.FromMinutes(2)) { });
        r.ExitCode.ShouldBe(7);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBeOneOf("running", "degraded");
        lines[1].ShouldBe("systemd");
        lines[2].ShouldBe(Environment.CurrentDirectory, "the command runs in the caller's working directory");
        r.Stderr.ShouldContain("sandbox ready in");
    }

    [Fact]
    public async Task Teardown_leaves_nothing_and_changes_never_reach_this_machine()
    {
        string path;
        await using (var sandbox = await HardenTui.Host.Sandbox.Sandbox.BootAsync(new SandboxOptions { StateRoot = StateRoot }))
        {
            path = Path.GetDirectoryName(sandbox.RootPath)!;
            var r = await sandbox.Runner.RunAsync(HardenTui.Host.Process.ProcessSpec.Of("sh", "-c", "echo hi > /etc/hardentui-sandbox-probe && cat /etc/hardentui-sandbox-probe"));
            r.Stdout.Trim().ShouldBe("hi");
            File.Exists("/etc/hardentui-sandbox-probe").ShouldBeFalse();
        }
        Directory.Exists(path).ShouldBeFalse();
        MountTable.Below(path).ShouldBeEmpty();
    }
}
