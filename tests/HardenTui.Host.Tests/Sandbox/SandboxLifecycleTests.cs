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
        // Only sandboxes with a live owner remain: another run's (a CI in another checkout shares this state root).
        Directory.GetDirectories(StateRoot).Where(d => new SandboxDirectory(d).Owner?.IsAlive != true).ShouldBeEmpty();
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
        var dir = OwnedBy(owner.Id);
        return (owner, dir, new SandboxDirectory(dir).Nspawn.ShouldNotBeNull());
    }

    /// <summary>The sandbox folder this owner recorded (other runs may have theirs in the same state root).</summary>
    private static string OwnedBy(int ownerPid) =>
        Directory.GetDirectories(StateRoot).Where(d => new SandboxDirectory(d).Owner?.Pid == ownerPid).ShouldHaveSingleItem();

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

    /// <summary>
    /// Plain `hardentui` where systemd is not PID 1 offers the demo sandbox; answered yes on a terminal (tmux), it boots
    /// it and runs the wizard inside. A SIGTERM, or its terminal closing (tmux kill-session: the SIGHUP of an SSH
    /// disconnect), must tear the sandbox down as `hardentui sandbox` does. This path runs as an asynchronous
    /// System.CommandLine action, whose own termination handler took SIGTERM and ended the process two seconds later:
    /// the container, its overlay mounts and its folder stayed.
    /// </summary>
    [Theory]
    [InlineData("TERM")]
    [InlineData("closed terminal")]
    public async Task A_plain_launch_tears_its_sandbox_down_on_SIGTERM_and_when_its_terminal_closes(string how)
    {
        const string tmux = "tmux -L hardentui-lifecycle", session = "plain";
        var files = $"/run/hardentui/test-lifecycle-plain-{Environment.ProcessId}";
        var (pidFile, log, rcFile, sttyFile) = (files + ".pid", files + ".log", files + ".rc", files + ".stty");
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        // Where systemd is PID 1 (the offer's precondition fails) the program is told to offer the sandbox anyway.
        var offer = HardenTui.Cli.DefaultCommand.SystemdIsPid1() ? "HARDENTUI_OFFER_SANDBOX=1 " : "";
        try
        {
            Sh($"{tmux} kill-server 2>/dev/null; rm -f {files}.*");
            File.WriteAllText(files + ".sh", $"echo $$ >{pidFile}\nexec env --default-signal=HUP HARDENTUI_SANDBOX_STATE={StateRoot} {offer}dotnet {app} 2>{log}\n");
            await ShAsync($"{tmux} new-session -d -s {session} -x 100 -y 30 'sh {files}.sh; echo $? >{rcFile}; stty -a >{sttyFile}; sleep 600'");
            (await UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("[Y/n]"), TimeSpan.FromMinutes(2)))
                .ShouldBeTrue("no sandbox offer: " + Read(log));
            await ShAsync($"{tmux} send-keys -t {session} Enter");
            (await UntilAsync(() => File.ReadAllText(log).Contains("sandbox ready"), TimeSpan.FromMinutes(10)))
                .ShouldBeTrue("the sandbox never got ready: " + Read(log));
            var owner = HardenTui.Host.Process.ProcessIdentity.Of(int.Parse(File.ReadAllText(pidFile).Trim())).ShouldNotBeNull();
            var dir = OwnedBy(owner.Pid);
            var nspawn = new SandboxDirectory(dir).Nspawn.ShouldNotBeNull();
            var screen = "";
            (await UntilAsync(() => (screen = Sh($"{tmux} capture-pane -p -t {session}")).Contains("worst first"), TimeSpan.FromMinutes(3)))
                .ShouldBeTrue("the wizard did not come up inside the sandbox:\n" + screen + Read(log));

            // A closed terminal hangs up the wizard inside too: it may end before hardentui's own SIGHUP handler runs,
            // and then hardentui tears down as after any command (without saying it was stopped by a signal).
            await ShAsync(how == "TERM" ? $"kill -TERM {owner.Pid}" : $"{tmux} kill-session -t {session}");
            // A teardown that hangs fails here, bounded.
            (await UntilAsync(() => !owner.IsAlive, TimeSpan.FromSeconds(90))).ShouldBeTrue($"hardentui did not exit within 90 s ({how})");

            if (how == "TERM")
            {
                Read(log).ShouldContain("hardentui: sandbox: stopped by a signal; torn down");
                // The pane's shell goes on: its exit status, and the terminal as the wizard inside, killed mid-screen,
                // left it: given back (main screen, cursor shown, no mouse tracking, line editing and echo on).
                (await UntilAsync(() => File.Exists(sttyFile), TimeSpan.FromSeconds(30))).ShouldBeTrue("the pane's shell did not go on");
                Read(rcFile).Trim().ShouldBe("143", Read(log));
                Sh($"{tmux} display -p -t {session} '#{{alternate_on}} #{{cursor_flag}} #{{mouse_any_flag}}'").Trim().ShouldBe("0 1 0");
                Read(sttyFile).Split(' ', ';', '\n').ShouldContain("icanon", Read(sttyFile));
                Read(sttyFile).Split(' ', ';', '\n').ShouldContain("echo", Read(sttyFile));
            }
            nspawn.IsAlive.ShouldBeFalse("the container outlived its owner");
            MountTable.Below(dir).ShouldBeEmpty();
            Directory.Exists(dir).ShouldBeFalse();
        }
        finally
        {
            // A failed run: SIGTERM tears its sandbox down (the fix under test); SIGKILL only if even that hangs (the
            // next boot's janitor then cleans after it).
            if (File.Exists(pidFile) && HardenTui.Host.Process.ProcessIdentity.Of(int.Parse(File.ReadAllText(pidFile).Trim())) is { IsAlive: true } left)
            {
                Sh($"kill -TERM {left.Pid}");
                if (!await UntilAsync(() => !left.IsAlive, TimeSpan.FromSeconds(90)))
                    System.Diagnostics.Process.GetProcessById(left.Pid).Kill();
            }
            Sh($"{tmux} kill-server 2>/dev/null; rm -f {files}.*");
        }
    }

    private static string Read(string file) => File.Exists(file) ? File.ReadAllText(file) : "";

    private static string Sh(string script)
    {
        using var p = System.Diagnostics.Process.Start(new ProcessStartInfo("sh", ["-c", script]) { RedirectStandardOutput = true })!;
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return stdout;
    }

    private static async Task ShAsync(string script) =>
        (await HardenTui.Host.Process.LocalProcessRunner.Instance.RunAsync(HardenTui.Host.Process.ProcessSpec.Of("sh", "-c", script))).ExitCode.ShouldBe(0, script);

    /// <summary>Polls a condition until it holds or the bound passes (the bound only guards against a hang).</summary>
    private static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan bound)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            if (limit.Elapsed > bound) return false;
            await Task.Delay(250);
        }
        return true;
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
