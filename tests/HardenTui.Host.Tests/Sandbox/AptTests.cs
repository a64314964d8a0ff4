using HardenTui.Cli;
using HardenTui.Host.Sandbox;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Sandbox;

/// <summary>How apt's own words are read: its status lines become progress, and which failures mean stale lists.</summary>
public sealed class AptTests
{
    [Theory]
    [InlineData("E: Package 'systemd-container' has no installation candidate")]
    [InlineData("E: Unable to locate package nginx-light")]
    [InlineData("E: Failed to fetch http://deb.debian.org/debian/pool/main/c/curl/curl_7.88.1-10+deb12u5_amd64.deb  404  Not Found [IP: 151.101.2.132 80]")]
    public void A_missing_candidate_or_a_404_means_the_lists_are_stale(string line) =>
        Apt.StaleListsReason($"Reading package lists...\n{line}\n").ShouldBe(line);

    [Fact]
    public void Other_failures_do_not_refresh_the_lists() =>
        Apt.StaleListsReason("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 123 (apt-get)\n").ShouldBeNull();

    [Fact]
    public void A_locked_download_cache_is_waited_for_and_other_locks_are_not_taken_for_it()
    {
        Apt.ArchivesLocked("E: Could not get lock /var/cache/apt/archives/lock. It is held by process 4242 (apt-get)\nE: Unable to lock directory /var/cache/apt/archives/\n").ShouldBeTrue();
        Apt.ArchivesLocked("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 123 (apt-get)\n").ShouldBeFalse();
        Apt.ArchivesLocked("E: Unable to locate package nginx-light\n").ShouldBeFalse();
    }

    [Fact]
    public void A_failed_maintainer_script_names_its_package() =>
        Apt.LastLine(new HardenTui.Host.Process.ProcessResult(100, "Setting up postfix (3.7.11-0+deb12u1) ...\ndpkg: error processing package postfix (--configure):\n installed postfix package post-installation script subprocess returned error exit status 1\n", "E: Sub-process /usr/bin/dpkg returned an error code (1)\n", false))
            .ShouldBe("dpkg: error processing package postfix (--configure); E: Sub-process /usr/bin/dpkg returned an error code (1)");

    [Fact]
    public void Status_lines_become_progress_and_other_lines_do_not()
    {
        Apt.ParseStatus("pmstatus:nginx-light:33.3333:Unpacking nginx-light (amd64)", "nginx-light curl")
            .ShouldBe(new AptProgress("nginx-light curl", AptPhase.Installing, 33.3333, "Unpacking nginx-light (amd64)"));
        Apt.ParseStatus("dlstatus:3:45.5:Retrieving file 3 of 10", "curl")!.Phase.ShouldBe(AptPhase.Downloading);
        Apt.ParseStatus("Setting up curl (7.88.1-10+deb12u5) ...", "curl").ShouldBeNull();
        Apt.ParseStatus("Get:1 http://deb.debian.org/debian bookworm/main amd64 curl amd64 7.88.1 [315 kB]", "curl").ShouldBeNull();
    }

    [Fact]
    public void The_progress_line_says_what_how_far_which_step_and_the_seconds_so_far() =>
        InstallProgressLine.Text(new AptProgress("nginx-light redis-server curl", AptPhase.Installing, 62.4, "Setting up redis-tools (5:7.0.15-1~deb12u1)"),
                TimeSpan.FromSeconds(14.2))
            .ShouldBe("hardentui: installing nginx-light redis-server curl: 62% Setting up redis-tools (5:7.0.15-1~deb12u1) (14 s)");
}
