using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HardenTui.Core.Exposure;
using HardenTui.Host.Exposure;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Exposure;

/// <summary>Our exposure against the real `systemd-analyze security` of the sandbox (252), for every loaded service.</summary>
[Collection("sandbox")]
public partial class LiveExposureTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task Every_loaded_service_matches_systemd_analyze_row_for_row() =>
        (await LiveExposure.OnlineMismatchesAsync(sandbox, expectedVersion: 252)).ShouldBeEmpty();

    [Fact]
    public async Task Preview_matches_systemd_analyze_after_the_drop_in_is_really_applied()
    {
        const string unit = "redis-server.service";
        const string dropIn = "[Service]\nProtectSystem=full\nNoNewPrivileges=no\nSystemCallFilter=~@mount\nIPAddressDeny=any\nIPAddressAllow=localhost\nProtectKernelModules=no\n";
        var host = new ExposureHost(sandbox.Runner, sandbox.Systemd);
        var preview = ExposureScorer.Preview(await host.LoadedAsync(unit, forPreview: true), dropIn);
        var path = $"/etc/systemd/system/{unit}.d/zz-live-exposure-test.conf";
        Directory.CreateDirectory(Path.GetDirectoryName(sandbox.HostPath(path))!);
        await File.WriteAllTextAsync(sandbox.HostPath(path), dropIn);
        try
        {
            await sandbox.Systemd.DaemonReloadAsync();
            (await SameAsSystemdAsync(unit, preview)).ShouldBeTrue();
        }
        finally
        {
            File.Delete(sandbox.HostPath(path));
            await sandbox.Systemd.DaemonReloadAsync();
        }
    }

    [Fact]
    public async Task Every_service_read_from_its_unit_files_matches_systemd_analyze_offline() =>
        (await LiveExposure.OfflineMismatchesAsync(sandbox)).ShouldBeEmpty();

    private Task<bool> SameAsSystemdAsync(string unit, ExposureReport ours) => LiveExposure.SameAsSystemdAsync(sandbox, unit, ours);
}

/// <summary>
/// The live comparison, for any booted sandbox (252 here, 254 and 257 from their releases): ours against that
/// systemd's own `systemd-analyze security`, online over D-Bus and offline from the unit files, every service.
/// </summary>
public static partial class LiveExposure
{
    /// <summary>Services whose online exposure differs from systemd-analyze's; fails unless this systemd is <paramref name="expectedVersion"/>.</summary>
    public static async Task<List<string>> OnlineMismatchesAsync(BootedSandbox sandbox, int expectedVersion)
    {
        var host = new ExposureHost(sandbox.Runner, sandbox.Systemd);
        (await host.SyscallGroupsAsync()).SystemdVersion.ShouldBe(expectedVersion);
        var services = await LoadedServicesAsync(sandbox);
        services.Count.ShouldBeGreaterThan(20);
        var mismatches = new List<string>();
        foreach (var unit in services)
        {
            var ours = ExposureScorer.Score(await host.LoadedAsync(unit));
            if (!await SameAsSystemdAsync(sandbox, unit, ours))
                mismatches.Add(unit);
        }
        return mismatches;
    }

    /// <summary>Services whose offline exposure (from their unit files) differs from systemd-analyze --offline=true's.</summary>
    public static async Task<List<string>> OfflineMismatchesAsync(BootedSandbox sandbox)
    {
        var groups = await new ExposureHost(sandbox.Runner, sandbox.Systemd).SyscallGroupsAsync();
        var store = new HardenTui.Host.Units.UnitFileStore(sandbox.HostPath("/"));
        var services = await LoadedServicesAsync(sandbox);
        services.Count.ShouldBeGreaterThan(20);
        var mismatches = new List<string>();
        foreach (var unit in services)
        {
            var ours = ExposureScorer.Score(SecurityInfo.FromUnit(store.Load(unit), groups));
            if (!await SameAsSystemdAsync(sandbox, unit, ours, "--offline=true"))
                mismatches.Add(unit);
        }
        return mismatches;
    }

    private static async Task<List<string>> LoadedServicesAsync(BootedSandbox sandbox) =>
        (await sandbox.Systemd.ListServicesAsync()).Where(u => u.LoadState == "loaded").Select(u => u.Name).ToList();

    public static async Task<bool> SameAsSystemdAsync(BootedSandbox sandbox, string unit, ExposureReport ours, string mode = "")
    {
        var json = await sandbox.ShAsync($"systemd-analyze security {mode} --no-pager --json=short {unit}");
        var text = await sandbox.ShAsync($"systemd-analyze security {mode} --no-pager {unit} | tail -1");
        var overall = OverallLine().Match(text);
        var rows = new JsonArray(ours.Rows.Select(r => (JsonNode)new JsonObject
        {
            ["set"] = r.Set, ["name"] = r.Name, ["json_field"] = r.JsonField, ["description"] = r.Description, ["exposure"] = r.Exposure,
        }).ToArray());
        return JsonNode.DeepEquals(rows, JsonNode.Parse(json))
               && overall.Success && overall.Groups[1].Value == ours.ExposureText && overall.Groups[2].Value == ours.Predicate;
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+\.\d) (\w+)")]
    private static partial Regex OverallLine();
}
