using HardenTui.Host.Process;
using HardenTui.Host.Tests.Exposure;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Versions;

[Collection("trixie-sandbox")]
public class ReleaseSandboxTests(TrixieSandboxFixture trixie)
{
    [Fact]
    public async Task Trixie_boots_its_own_systemd_257_untainted_on_cgroup2()
    {
        await ReleaseChecks.BootedAsync(trixie, systemd: "systemd 257", debian: "13.");
        (await trixie.ShAsync("systemctl is-active nginx redis-server memcached")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ShouldAllBe(s => s == "active");
    }

    [Fact]
    public Task The_app_of_this_checkout_runs_inside_the_release() => ReleaseChecks.AppAnalyzesNginxAsync(trixie);

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

/// <summary>
/// Debian 12 itself (`sandbox --release bookworm`: debootstrap's bookworm, systemd 252 without backports) boots from
/// its cached base on cgroup2, runs this checkout's app, and its exposure equals its own systemd-analyze.
/// </summary>
[Collection("bookworm-sandbox")]
public class BookwormSandboxTests(BookwormSandboxFixture bookworm)
{
    [Fact]
    public async Task Bookworm_boots_its_own_systemd_252_untainted_on_cgroup2()
    {
        await ReleaseChecks.BootedAsync(bookworm, systemd: "systemd 252", debian: "12.");
        (await bookworm.ShAsync("systemctl is-active nginx")).Trim().ShouldBe("active");
    }

    [Fact]
    public Task The_app_of_this_checkout_runs_inside_bookworm() => ReleaseChecks.AppAnalyzesNginxAsync(bookworm);

    [Fact]
    public async Task Every_loaded_service_matches_systemd_analyze_on_bookworm_online_and_offline()
    {
        (await LiveExposure.OnlineMismatchesAsync(bookworm, expectedVersion: 252)).ShouldBeEmpty();
        (await LiveExposure.OfflineMismatchesAsync(bookworm)).ShouldBeEmpty();
    }
}

/// <summary>What every release sandbox must show once booted.</summary>
internal static class ReleaseChecks
{
    public static async Task BootedAsync(BootedSandbox sandbox, string systemd, string debian)
    {
        (await sandbox.ShAsync("systemctl --version | head -1")).ShouldStartWith(systemd + " ");
        (await sandbox.ShAsync("cat /etc/debian_version")).Trim().ShouldStartWith(debian);
        (await sandbox.ShAsync("stat -fc %T /sys/fs/cgroup")).Trim().ShouldBe("cgroup2fs");
        // Debian 13 itself reports "unmerged-bin" (/usr/sbin is not merged into /usr/bin); cgroup v1 would add "cgroupsv1".
        (await sandbox.ShAsync("systemctl show -P Tainted")).ShouldNotContain("cgroupsv1");
        // The release's own root, not an overlay of this machine's: its /tmp is no tmpfs of Debian 13's tmp.mount either.
        (await sandbox.ShAsync("findmnt -n -o TARGET /tmp || true")).Trim().ShouldBeEmpty();
    }

    public static async Task AppAnalyzesNginxAsync(BootedSandbox sandbox)
    {
        var r = await sandbox.Runner.RunAsync(new ProcessSpec(Environment.ProcessPath!,
            [typeof(HardenTui.Cli.CliApp).Assembly.Location, "analyze", "nginx.service"], Timeout: TimeSpan.FromMinutes(2)));
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("Overall exposure level for nginx.service");
    }
}
