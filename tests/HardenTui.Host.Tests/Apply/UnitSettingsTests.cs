using HardenTui.Host.Apply;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Apply;

/// <summary>What the resolver reads as "already set", from real units' D-Bus properties in the sandbox.</summary>
[Collection("sandbox")]
public class UnitSettingsTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task Nginx_sets_no_hardening_and_runs_its_exec_lines_programs()
    {
        var props = await sandbox.Systemd.GetPropertiesAsync("nginx.service");
        var current = UnitSettings.Current(props);
        foreach (var name in new[] { "SystemCallFilter", "SystemCallErrorNumber", "CapabilityBoundingSet", "RestrictNamespaces", "NoExecPaths", "RestrictAddressFamilies" })
            current[name].ShouldBeNull(name);
        current["ProtectSystem"].ShouldBe("no");
        current["UMask"].ShouldBe("0022");
        UnitSettings.Programs(props).ShouldContain("/usr/sbin/nginx");
    }

    [Fact]
    public async Task Redis_hardening_from_its_debian_unit_is_seen_as_set()
    {
        var current = UnitSettings.Current(await sandbox.Systemd.GetPropertiesAsync("redis-server.service"));
        current["ProtectSystem"].ShouldBe("strict");
        current["RestrictNamespaces"].ShouldBe("yes");
        current["SystemCallArchitectures"].ShouldBe("native");
        current["UMask"].ShouldBe("0007");
        current.IsSet("SystemCallFilter").ShouldBeTrue();
        current.IsSet("CapabilityBoundingSet").ShouldBeTrue();
        current.IsSet("NoExecPaths").ShouldBeTrue();
        current["User"].ShouldBe("redis");
    }
}
