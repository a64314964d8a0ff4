using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Versions;

[Collection("trixie-sandbox")]
public class ReleaseSandboxTests(TrixieSandboxFixture trixie)
{
    [Fact]
    public async Task Trixie_boots_its_own_systemd_257_untainted_on_cgroup2()
    {
        (await trixie.ShAsync("systemctl --version | head -1")).ShouldStartWith("systemd 257");
        (await trixie.ShAsync("cat /etc/debian_version")).Trim().ShouldStartWith("13.");
        (await trixie.ShAsync("stat -fc %T /sys/fs/cgroup")).Trim().ShouldBe("cgroup2fs");
        // Debian 13 itself reports "unmerged-bin" (/usr/sbin is not merged into /usr/bin); cgroup v1 would add "cgroupsv1".
        (await trixie.ShAsync("systemctl show -P Tainted")).ShouldNotContain("cgroupsv1");
        (await trixie.ShAsync("systemctl is-active nginx redis-server memcached")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ShouldAllBe(s => s == "active");
    }

    [Fact]
    public async Task The_app_of_this_checkout_runs_inside_the_release()
    {
        var r = await trixie.Runner.RunAsync(new ProcessSpec(Environment.ProcessPath!,
            [typeof(HardenTui.Cli.CliApp).Assembly.Location, "analyze", "nginx.service"], Timeout: TimeSpan.FromMinutes(2)));
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("Overall exposure level for nginx.service");
    }

    [Fact]
    public async Task The_cli_boots_a_release_and_refuses_an_unknown_one()
    {
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var bad = await LocalProcessRunner.Instance.RunAsync(new ProcessSpec("dotnet", [app, "sandbox", "--release", "sid", "--", "true"]));
        bad.ExitCode.ShouldBe(2);
        bad.Stderr.Trim().Split('\n').ShouldHaveSingleItem().ShouldContain("unknown release 'sid'");
        var r = await LocalProcessRunner.Instance.RunAsync(new ProcessSpec("dotnet",
            [app, "sandbox", "--release", "trixie", "--", "sh", "-c", "systemctl --version | head -1; exit 7"], Timeout: TimeSpan.FromMinutes(5)));
        r.ExitCode.ShouldBe(7);
        r.Stdout.ShouldStartWith("systemd 257");
    }
}
