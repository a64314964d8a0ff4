using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Tui;

/// <summary>
/// The real wizard in a real terminal (tmux, inside the sandbox, with the runner's LC_ALL=C, so in its ASCII
/// fallback): open nginx, trace it with a curl probe, accept the proposals, review, apply (bisecting first if the
/// defaults break it), then check the drop-in is there and nginx still serves.
/// </summary>
[Collection("sandbox")]
public class WizardInTmuxTests(SandboxFixture sandbox)
{
    private const string Session = "hardentui-e2e";
    private const string DropIn = "/etc/systemd/system/nginx.service.d/90-hardentui.conf";

    private readonly TmuxScreen _screen = new(sandbox, Session);

    private Task Keys(params string[] keys) => _screen.Keys(keys);

    private Task<string> WaitForAsync(string pattern, int seconds) => _screen.WaitForAsync(pattern, seconds);

    [Fact]
    public async Task Nginx_traced_reviewed_and_applied_in_the_wizard_still_serves()
    {
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var dotnet = Environment.ProcessPath!;
        await sandbox.ShAsync($"tmux kill-session -t {Session} 2>/dev/null; tmux new-session -d -s {Session} -x 120 -y 40 '{dotnet} {app} nginx.service; sleep 60'");
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
            await Keys("r");
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
}
