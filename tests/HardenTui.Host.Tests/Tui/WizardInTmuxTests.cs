using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Tui;

/// <summary>
/// The real wizard in a real terminal on this machine's systemd (252): the whole journey of <see cref="WizardJourney"/>
/// at 120×40 (the 257 one runs at 80×24). And a crash on a background thread leaves the terminal usable.
/// </summary>
[Collection("sandbox")]
public class WizardInTmuxTests(SandboxFixture sandbox)
{
    [Fact]
    public Task Nginx_picked_traced_reviewed_and_applied_in_the_wizard_still_serves_and_rolls_back() =>
        WizardJourney.HardenNginxAsync(sandbox, "hardentui-e2e", systemdVersion: 252, columns: 120, rows: 40,
            expectedLines: ["PrivateTmp=yes", "ProtectControlGroups=yes"]);

    /// <summary>
    /// SIGTERM (a kill, a shutdown, logind ending the session) in the middle of a trace quits the wizard as a confirmed
    /// `q`: the trace stopped and nginx restored, exit 143, the terminal given back. It was taken by System.CommandLine's
    /// handler, which cancelled the effects' token, and the wizard went on running for good.
    /// </summary>
    [Fact]
    public async Task SIGTERM_quits_the_wizard_mid_trace_restores_the_unit_and_gives_the_terminal_back()
    {
        var (tmux, pidFile) = await TraceInWizardAsync("hardentui-term");
        try
        {
            await sandbox.ShAsync($"kill -TERM $(cat {pidFile})");
            var screen = await tmux.WaitForAsync("exited [0-9]+[\\s\\S]*mode:.*", 60);
            screen.ShouldContain("exited 143");
            screen.Split('\n').Select(l => l.Trim()).ShouldContain("mode: isig icanon echo", screen);
            (await tmux.DisplayAsync("#{alternate_on} #{mouse_any_flag} #{cursor_flag}")).Trim().ShouldBe("0 0 1");
            await ShouldBeRestoredAsync(pidFile);
        }
        finally
        {
            await sandbox.ShAsync($"{tmux.KillCommand}; rm -f {pidFile}; true");
        }
    }

    /// <summary>
    /// The admin's SSH connection drops (the terminal hangs up: SIGHUP) in the middle of a trace: the wizard stops the
    /// trace and puts nginx back before it ends, as for SIGTERM. It used to die at once, leaving nginx running under
    /// strace with the trace's drop-in until the next start of hardentui found it in its journal.
    /// </summary>
    [Fact]
    public async Task A_hung_up_terminal_mid_trace_restores_the_unit()
    {
        var (tmux, pidFile) = await TraceInWizardAsync("hardentui-hup");
        try
        {
            await sandbox.ShAsync(tmux.KillCommand); // the pane's terminal goes away, as an SSH session's does
            await ShouldBeRestoredAsync(pidFile);
        }
        finally
        {
            await sandbox.ShAsync($"{tmux.KillCommand}; rm -f {pidFile}; true");
        }
    }

    /// <summary>The wizard on nginx in tmux, a strace trace started from its trace screen and nginx running under it.</summary>
    private async Task<(TmuxScreen Tmux, string PidFile)> TraceInWizardAsync(string name)
    {
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var dotnet = Environment.ProcessPath!;
        var pidFile = $"/tmp/{name}.pid";
        var tmux = new TmuxScreen(sandbox, name);
        await tmux.StartAsync(100, 30, $"sh -c \"echo \\$\\$ >{pidFile}; exec {dotnet} {app} nginx.service\"; echo exited $?; " +
                                       "echo mode: $(stty -a | tr \" ;\" \"\\n\\n\" | grep -xE -- \"-?(isig|icanon|echo)\"); sleep 60");
        try
        {
            await tmux.WaitForAsync("Exposure 9\\.6 UNSAFE", 60);
            (await tmux.DisplayAsync("#{alternate_on} #{mouse_any_flag}")).Trim().ShouldBe("1 1");
            await tmux.Keys("t");
            await tmux.WaitForAsync("strace ", 30);
            await tmux.Keys("s");
            await tmux.WaitForAsync("tracing +[0-9]+s / ", 60);
            // "tracing 0s" shows as the trace starts, before nginx is restarted under strace: wait for that.
            await sandbox.ShAsync("for i in $(seq 1 240); do systemctl show -p ExecStart nginx.service | grep -q /usr/bin/strace && exit 0; sleep 0.25; done; " +
                                  "echo 'nginx never ran under strace' >&2; exit 1");
            return (tmux, pidFile);
        }
        catch
        {
            await sandbox.ShAsync($"{tmux.KillCommand}; rm -f {pidFile}; true");
            throw;
        }
    }

    /// <summary>The wizard has ended, the trace's runtime drop-in is gone and nginx runs its own program again.</summary>
    private async Task ShouldBeRestoredAsync(string pidFile)
    {
        await sandbox.ShAsync($"for i in $(seq 1 240); do kill -0 $(cat {pidFile}) 2>/dev/null || exit 0; sleep 0.25; done; echo 'the wizard did not end' >&2; exit 1");
        (await sandbox.ShAsync("test ! -e /run/systemd/system/nginx.service.d/zz-hardentui-trace.conf && systemctl is-active nginx.service")).Trim().ShouldBe("active");
        (await sandbox.ShAsync("systemctl show -p ExecStart nginx.service")).ShouldNotContain("strace");
    }

    [Fact]
    public async Task A_crash_on_a_background_thread_restores_the_terminal()
    {
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var dotnet = Environment.ProcessPath!;
        const string crash = "hardentui-crash";
        var tmux = new TmuxScreen(sandbox, crash);
        await tmux.StartAsync(100, 30, $"HARDENTUI_CRASH_TEST=thread {dotnet} {app} nginx.service; echo exited $?; echo mode: $(stty -a | tr \" ;\" \"\\n\\n\" | grep -xE -- \"-?(isig|icanon|echo)\"); sleep 60");
        try
        {
            const string state = "#{alternate_on} #{mouse_any_flag} #{cursor_flag}";
            async Task Until(Func<Task<bool>> done, string what)
            {
                for (var deadline = DateTime.UtcNow.AddSeconds(60); !await done(); await Task.Delay(250))
                    if (DateTime.UtcNow > deadline)
                        throw new TimeoutException($"{what}:\n{await tmux.CaptureAsync()}");
            }
            // The wizard has the terminal: alternate screen and mouse tracking on.
            await Until(async () => (await tmux.DisplayAsync(state)).StartsWith("1 1 "), "the wizard never took the terminal");
            await Until(async () => (await tmux.CaptureAsync()).Contains("exited "), "the wizard did not die");
            var screen = await tmux.CaptureAsync();
            screen.ShouldNotContain("exited 0");
            // Raw mode undone (the termios saved before Terminal.Gui put back): signals, line editing and echo for the shell.
            screen.Split('\n').Single(l => l.StartsWith("mode:")).Trim().ShouldBe("mode: isig icanon echo");
            (await tmux.DisplayAsync(state)).Trim().ShouldBe("0 0 1");
        }
        finally
        {
            await sandbox.ShAsync($"{tmux.KillCommand}; true");
        }
    }
}
