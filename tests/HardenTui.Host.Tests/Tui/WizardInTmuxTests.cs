using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Tui;

/// <summary>
/// The real wizard in a real terminal (tmux, inside the sandbox, with the runner's LC_ALL=C, so in its ASCII
/// fallback): open nginx, trace it with a curl probe, accept the proposals, go to the review by clicking its key in
/// the key bar (a raw SGR mouse click, as a terminal sends it), hand the drop-in to $EDITOR and come back, apply
/// (bisecting first if the defaults break it), then check the drop-in is there and nginx still serves. And a crash
/// on a background thread leaves the terminal usable.
/// </summary>
[Collection("sandbox")]
public class WizardInTmuxTests(SandboxFixture sandbox)
{
    private const string Session = "hardentui-e2e";
    private const string DropIn = "/etc/systemd/system/nginx.service.d/90-hardentui.conf";

    private const string EditorSawTty = "/tmp/hardentui-editor-saw-a-tty";

    private readonly TmuxScreen _screen = new(sandbox, Session);

    private Task Keys(params string[] keys) => _screen.Keys(keys);

    /// <summary>A left click at the first cell of <paramref name="text"/> on screen, as SGR mouse reports (1-based).</summary>
    private async Task ClickAsync(string text)
    {
        var rows = (await sandbox.ShAsync($"tmux capture-pane -t {Session} -p")).Split('\n');
        var y = Array.FindIndex(rows, r => r.Contains(text, StringComparison.Ordinal));
        y.ShouldBeGreaterThanOrEqualTo(0, $"'{text}' is not on screen");
        var x = rows[y].IndexOf(text, StringComparison.Ordinal) + 1;
        await sandbox.ShAsync($"tmux send-keys -t {Session} -l \"$(printf '\\033[<0;{x + 1};{y + 1}M')\"; tmux send-keys -t {Session} -l \"$(printf '\\033[<0;{x + 1};{y + 1}m')\"");
    }

    private Task<string> WaitForAsync(string pattern, int seconds) => _screen.WaitForAsync(pattern, seconds);

    [Fact]
    public async Task Nginx_traced_reviewed_and_applied_in_the_wizard_still_serves()
    {
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var dotnet = Environment.ProcessPath!;
        // The editor proves it had the terminal (stdin is the tty) and leaves the drop-in as it was.
        var editor = $"test -t 0 && touch {EditorSawTty}; true";
        await sandbox.ShAsync($"rm -f {EditorSawTty}; tmux kill-session -t {Session} 2>/dev/null; tmux new-session -d -s {Session} -x 120 -y 40 \"EDITOR='{editor}' {dotnet} {app} nginx.service; sleep 60\"");
        try
        {
            await WaitForAsync("Exposure 9\\.6 UNSAFE", 60);
            await Keys("t");
            await WaitForAsync("strace ", 30);
            await Keys("p");
            await sandbox.ShAsync($"tmux send-keys -t {Session} -l 'curl -fsS http://localhost/ >/dev/null'");
            await Keys("Enter", "s");
            await WaitForAsync("tracing", 30);
            await WaitForAsync("finished", 90);
            await Keys("l");
            await WaitForAsync("directives chosen", 60);
            await ClickAsync(" r review");
            await WaitForAsync("write the drop-in and restart", 10);
            await Keys("e");
            await WaitForAsync("drop-in taken back from \\$EDITOR", 30);
            File.Exists(sandbox.HostPath(EditorSawTty)).ShouldBeTrue("the editor ran on the terminal");
            await WaitForAsync("write the drop-in and restart", 10);
            await Keys("Enter");
            var result = await WaitForAsync("service runs with the drop-in|service failed", 240);
            if (result.Contains("service failed"))
            {
                await Keys("b");
                await WaitForAsync("culprit", 900);
                await Keys("Escape", "r", "Enter");
                await WaitForAsync("service runs with the drop-in", 240);
            }
            File.Exists(sandbox.HostPath(DropIn)).ShouldBeTrue();
            var written = await File.ReadAllTextAsync(sandbox.HostPath(DropIn));
            written.ShouldContain("[Service]");
            written.ShouldContain("# Learned on: systemd=252 "); // stamped like `hardentui apply`, so exports name where it was learned
            await sandbox.ShAsync("systemctl is-active nginx.service && curl -fsS http://localhost/ >/dev/null");
            await Keys("q");
            await Keys("y");
        }
        finally
        {
            await sandbox.Runner.RunAsync(new ProcessSpec("sh", ["-c",
                $"tmux kill-session -t {Session}; rm -f {DropIn}; systemctl daemon-reload; systemctl restart nginx.service"], Timeout: TimeSpan.FromMinutes(2)));
        }
    }

    [Fact]
    public async Task A_crash_on_a_background_thread_restores_the_terminal()
    {
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var dotnet = Environment.ProcessPath!;
        const string crash = "hardentui-crash";
        await sandbox.ShAsync($"tmux kill-session -t {crash} 2>/dev/null; tmux new-session -d -s {crash} -x 100 -y 30 'HARDENTUI_CRASH_TEST=thread {dotnet} {app} nginx.service; echo exited $?; echo mode: $(stty -a | tr \" ;\" \"\\n\\n\" | grep -xE -- \"-?(isig|icanon|echo)\"); sleep 60'");
        try
        {
            const string state = "'#{alternate_on} #{mouse_any_flag} #{cursor_flag}'";
            async Task Until(Func<Task<bool>> done, string what)
            {
                for (var deadline = DateTime.UtcNow.AddSeconds(60); !await done(); await Task.Delay(250))
                    if (DateTime.UtcNow > deadline)
                        throw new TimeoutException($"{what}:\n{await sandbox.ShAsync($"tmux capture-pane -t {crash} -p")}");
            }
            // The wizard has the terminal: alternate screen and mouse tracking on.
            await Until(async () => (await sandbox.ShAsync($"tmux display -p -t {crash} {state}")).StartsWith("1 1 "), "the wizard never took the terminal");
            await Until(async () => (await sandbox.ShAsync($"tmux capture-pane -t {crash} -p")).Contains("exited "), "the wizard did not die");
            var screen = await sandbox.ShAsync($"tmux capture-pane -t {crash} -p");
            screen.ShouldNotContain("exited 0");
            // Raw mode undone (the termios saved before Terminal.Gui put back): signals, line editing and echo for the shell.
            screen.Split('\n').Single(l => l.StartsWith("mode:")).Trim().ShouldBe("mode: isig icanon echo");
            (await sandbox.ShAsync($"tmux display -p -t {crash} {state}")).Trim().ShouldBe("0 0 1");
        }
        finally
        {
            await sandbox.ShAsync($"tmux kill-session -t {crash} 2>/dev/null; true");
        }
    }
}
