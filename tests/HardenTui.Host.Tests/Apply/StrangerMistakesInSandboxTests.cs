using HardenTui.Core.Overrides;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Apply;

/// <summary>
/// What a newcomer does wrong against the real sandbox systemd, through the CLI as they would type it: a unit that
/// does not exist (one line, exit 2, whatever the command) and Ctrl+C in the middle of an apply (the unit as before).
/// </summary>
[Collection("sandbox")]
public class StrangerMistakesInSandboxTests(SandboxFixture sandbox)
{
    private const string Nginx = "nginx.service";
    private static string Cli => typeof(HardenTui.Cli.CliApp).Assembly.Location;

    [Theory]
    [InlineData("no-such-thing")] // the wizard, before it needs a terminal
    [InlineData("trace", "no-such-thing", "--seconds", "1")]
    [InlineData("analyze", "no-such-thing")]
    [InlineData("propose", "no-such-thing")]
    [InlineData("rollback", "no-such-thing")]
    [InlineData("export", "no-such-thing", "--format", "dropin")]
    public async Task A_unit_that_does_not_exist_is_one_line_and_exit_2(params string[] args)
    {
        var r = await sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [Cli, .. args], Timeout: TimeSpan.FromMinutes(2)));

        r.ExitCode.ShouldBe(2, r.Stderr + r.Stdout);
        r.Stdout.ShouldBeEmpty();
        r.Stderr.TrimEnd('\n').ShouldNotContain('\n', r.Stderr);
        r.Stderr.ShouldContain("no-such-thing.service is not known to systemd");
    }

    [Fact]
    public async Task Ctrl_C_during_the_soak_rolls_back_and_says_so_in_one_line()
    {
        var ours = "/" + DropInPaths.PersistentFile(Nginx);
        var pid = (await sandbox.ShAsync($"systemctl show -p MainPID --value {Nginx}")).Trim();
        // set -m: a background job of a non-interactive shell would otherwise ignore SIGINT. The apply is interrupted
        // once it says its soak runs (the drop-in is written and verified by then), as a Ctrl+C there would.
        var script = $$"""
            set -m
            printf '[Service]\nProtectHome=yes\n' > /tmp/interrupted.conf
            dotnet {{Cli}} apply {{Nginx}} --dropin /tmp/interrupted.conf --yes --soak 600 --settle-seconds 1 2>/tmp/interrupted.err & apply=$!
            for i in $(seq 1200); do grep -q 'soak: ' /tmp/interrupted.err && break; kill -0 $apply 2>/dev/null || break; sleep 0.25; done
            test -e {{ours}} && echo written
            kill -INT $apply; wait $apply; echo "exit $?"
            cat /tmp/interrupted.err
            """;
        var r = await sandbox.Runner.RunAsync(new ProcessSpec("bash", ["-c", script], Timeout: TimeSpan.FromMinutes(5)));

        r.Stdout.ShouldContain("written", Case.Sensitive, r.Stdout + r.Stderr);
        r.Stdout.ShouldContain("exit 130", Case.Sensitive, r.Stdout + r.Stderr);
        r.Stdout.ShouldContain($"hardentui: apply: interrupted; {Nginx} is as it was before this run");
        r.Stdout.ShouldNotContain("Unhandled");
        r.Stdout.ShouldNotContain("   at ");
        File.Exists(sandbox.HostPath(ours)).ShouldBeFalse("the drop-in goes with the interrupted run");
        Directory.Exists(sandbox.HostPath($"/etc/systemd/system/{Nginx}.d")).ShouldBeFalse();
        new OperationJournal(sandbox.Sandbox.RootPath, TimeProvider.System).Pending().ShouldBeEmpty("nothing is left for a later recovery");
        (await sandbox.ShAsync($"systemctl is-active {Nginx} || true")).Trim().ShouldBe("active");
        (await sandbox.ShAsync($"systemctl show -p MainPID --value {Nginx}")).Trim().ShouldNotBe(pid, "restarted with its own configuration");
    }
}
