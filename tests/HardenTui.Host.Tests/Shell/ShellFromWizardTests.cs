using System.Text.RegularExpressions;
using HardenTui.Host.Process;
using HardenTui.Host.Shell;
using HardenTui.Host.Tests.Tui;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Shell;

/// <summary>
/// The wizard in a real terminal (tmux inside the sandbox): on the levels screen `!` opens the shell in nginx's
/// sandbox with the toggles as chosen (here: the shipped nginx profile), and `exit` brings the wizard back where
/// it was. Also the installed manual's words the levels screen shows.
/// </summary>
[Collection("sandbox")]
public class ShellFromWizardTests(SandboxFixture sandbox)
{
    private const string Session = "learners-wizard-shell";

    private readonly TmuxScreen _screen = new(sandbox, Session);

    private Task Keys(params string[] keys) => _screen.Keys(keys);

    private Task Type(string text) => _screen.Type(text);

    private Task<string> WaitForAsync(string pattern, int seconds) => _screen.WaitForAsync(pattern, seconds);

    [Fact]
    public async Task The_shell_opens_with_the_chosen_toggles_and_the_wizard_returns_where_it_was()
    {
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var dotnet = Environment.ProcessPath!;
        await sandbox.ShAsync("mkdir -p /home/learner && touch /home/learner/secret");
        await _screen.StartAsync(120, 40, $"{dotnet} {app} nginx.service; sleep 60");
        try
        {
            await WaitForAsync("Exposure 9\\.6 UNSAFE", 60);
            await Keys("l");
            await WaitForAsync(@"1 exec paths +\d+/\d+", 60);
            await Keys("p");
            var before = await WaitForAsync(@"[1-9]\d* directives chosen", 30);
            var chosen = Regex.Match(before, @"(\d+) directives chosen").Value;

            await Type("!");
            await WaitForAsync(@"\[nginx\.service sandbox\]", 60);
            await Type("echo home=/home/*; touch /etc/learners-x; echo etc=$?");
            await Keys("Enter");
            var inside = await WaitForAsync("etc=[0-9]", 20);
            inside.ShouldContain("home=/home/*"); // ProtectHome=yes from the profile: /home is empty in there
            inside.ShouldNotContain("etc=0");     // and /etc is not writable (read-only, or touch is outside ExecPaths=)
            await Type("exit 3");
            await Keys("Enter");

            var after = await WaitForAsync(@"back from the shell in nginx\.service's sandbox \(exit 3\)", 60);
            after.ShouldContain(chosen);
            after.ShouldContain("levels");
            File.Exists(sandbox.HostPath("/etc/learners-x")).ShouldBeFalse();
            (await sandbox.ShAsync("systemctl is-active nginx.service")).Trim().ShouldBe("active");
            await Keys("q");
            await WaitForAsync("Quit anyway", 10);
            await Keys("y");
        }
        finally
        {
            await sandbox.Runner.RunAsync(new ProcessSpec("sh", ["-c", $"{_screen.KillCommand}; rm -rf /home/learner /etc/learners-x"], Timeout: TimeSpan.FromMinutes(1)));
        }
    }

    [Fact]
    public async Task The_installed_manual_gives_systemds_own_words()
    {
        var manual = await SystemdManual.ReadAsync(sandbox.Runner);

        manual.Find("ProtectSystem")!.Text.ShouldStartWith("Takes a boolean argument or the special values \"full\" or \"strict\".");
        manual.Find("ProtectSystem")!.Page.ShouldBe("systemd.exec");
        manual.Find("NoExecPaths")!.Text.ShouldStartWith("Sets up a new file system namespace for executed processes.");
        manual.Find("IPAddressDeny")!.Page.ShouldBe("systemd.resource-control");
        manual.Find("NotifyAccess")!.Page.ShouldBe("systemd.service");
    }
}
