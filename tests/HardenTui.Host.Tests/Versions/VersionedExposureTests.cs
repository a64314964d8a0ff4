using HardenTui.Host.Tests.Exposure;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Versions;

/// <summary>Exposure against Debian 13's own systemd-analyze (257), online and offline, over every loaded service.</summary>
[Collection("trixie-sandbox")]
public class TrixieExposureTests(TrixieSandboxFixture trixie)
{
    [Fact]
    public async Task Every_loaded_service_matches_systemd_analyze_257() =>
        (await LiveExposure.OnlineMismatchesAsync(trixie, expectedVersion: 257)).ShouldBeEmpty();

    [Fact]
    public async Task Every_service_read_from_its_unit_files_matches_systemd_analyze_257_offline() =>
        (await LiveExposure.OfflineMismatchesAsync(trixie)).ShouldBeEmpty();
}

/// <summary>Exposure against bookworm-backports' systemd-analyze (254), online and offline, over every loaded service.</summary>
[Collection("backports-sandbox")]
public class BackportsExposureTests(BackportsSandboxFixture backports)
{
    [Fact]
    public async Task Every_loaded_service_matches_systemd_analyze_254() =>
        (await LiveExposure.OnlineMismatchesAsync(backports, expectedVersion: 254)).ShouldBeEmpty();

    [Fact]
    public async Task Every_service_read_from_its_unit_files_matches_systemd_analyze_254_offline() =>
        (await LiveExposure.OfflineMismatchesAsync(backports)).ShouldBeEmpty();
}
