using HardenTui.Host.Process;
using HardenTui.Host.Tests.Versions;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Shell;

/// <summary>
/// `hardentui shell` on Debian 13's systemd 257 (the release sandbox): the same file-system and exec walls as on
/// 252, and what 252 could not apply (PrivatePIDs=) applies here.
/// </summary>
[Collection("trixie-sandbox")]
public class ShellOn257Tests(TrixieSandboxFixture trixie)
{
    [Fact]
    public async Task Strict_and_exec_paths_hold_and_257s_own_directives_apply()
    {
        await trixie.ShAsync("printf '[Service]\\nProtectSystem=strict\\nReadWritePaths=/var/log/nginx\\nNoExecPaths=/\\nExecPaths=/usr/sbin/nginx\\n" +
                             "PrivatePIDs=yes\\n' > /tmp/learners-257.conf");

        var r = await CliAsync("shell", "nginx", "--with-dropin", "/tmp/learners-257.conf", "--",
            "sh", "-c", "touch /etc/learners-x 2>/dev/null; echo etc=$?; echo x > /var/log/nginx/learners-x; echo log=$?; echo pid=$$; /usr/bin/id; exit $?");

        r.Stderr.ShouldContain("a transient unit of systemd 257");
        r.Stderr.ShouldNotContain("not applied: PrivatePIDs");
        r.Stdout.ShouldContain("etc=1");
        r.Stdout.ShouldContain("log=0");
        r.Stdout.ShouldContain("pid=1"); // PrivatePIDs=yes: the shell is PID 1 of its own namespace
        r.ExitCode.ShouldBe(126, r.Stderr); // /usr/bin/id is outside ExecPaths=
        await trixie.ShAsync("rm -f /var/log/nginx/learners-x /tmp/learners-257.conf");
    }

    private Task<ProcessResult> CliAsync(params string[] args) =>
        trixie.Runner.RunAsync(new ProcessSpec(Environment.ProcessPath!, [typeof(HardenTui.Cli.CliApp).Assembly.Location, .. args], Timeout: TimeSpan.FromMinutes(3)));
}
