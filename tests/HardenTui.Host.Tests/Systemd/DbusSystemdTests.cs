using HardenTui.Host.Systemd;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Systemd;

[Collection("sandbox")]
public class DbusSystemdTests(SandboxFixture sandbox)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sandbox_systemd_is_up()
    {
        var r = await sandbox.Runner.RunAsync(HardenTui.Host.Process.ProcessSpec.Of("systemctl", "is-system-running"));
        r.Stdout.Trim().ShouldBeOneOf("running", "degraded");
        (await sandbox.ShAsync("cat /proc/1/comm")).Trim().ShouldBe("systemd");
    }

    [Fact]
    public async Task Lists_services_with_their_states()
    {
        var units = await sandbox.Systemd.ListServicesAsync();
        var nginx = units.Single(u => u.Name == "nginx.service");
        nginx.LoadState.ShouldBe("loaded");
        nginx.ActiveState.ShouldBe("active");
        nginx.SubState.ShouldBe("running");
        units.ShouldContain(u => u.Name == "redis-server.service");
        units.ShouldAllBe(u => u.Name.EndsWith(".service"));
    }

    [Fact]
    public async Task Reads_unit_and_hardening_properties()
    {
        var p = await sandbox.Systemd.GetPropertiesAsync("nginx.service");
        p.String("FragmentPath").ShouldBe("/lib/systemd/system/nginx.service");
        p.String("Type").ShouldBe("forking");
        p.UNumber("MainPID").ShouldNotBeNull().ShouldBeGreaterThan(0u);
        p.String("ProtectSystem").ShouldBe("no");
        p.Bool("NoNewPrivileges").ShouldBe(false);
        p.Names.ShouldContain("ExecStart");
        p.Names.ShouldContain("SystemCallFilter");
        p.Names.ShouldContain("CapabilityBoundingSet");
        p.Names.ShouldContain("NRestarts");

        var redis = await sandbox.Systemd.GetPropertiesAsync("redis-server.service");
        redis.String("ProtectSystem").ShouldBe("strict");
        redis.Strings("ReadWritePaths").ShouldContain("-/var/lib/redis");
    }

    [Fact]
    public async Task Batch_read_matches_one_by_one_and_loads_units_on_demand()
    {
        var names = (await sandbox.Systemd.ListServicesAsync()).Select(u => u.Name).Take(8)
            .Append("systemd-sysext.service").Append("no-such-thing.service").ToList();
        var many = await sandbox.Systemd.GetPropertiesManyAsync(names);
        many.Select(p => p.Unit).ShouldBe(names.SkipLast(1));
        foreach (var p in many)
        {
            var one = await sandbox.Systemd.GetPropertiesAsync(p.Unit);
            p.String("Id").ShouldBe(one.String("Id"));
            p.String("FragmentPath").ShouldBe(one.String("FragmentPath"));
            p.String("ProtectSystem").ShouldBe(one.String("ProtectSystem"));
        }
    }

    [Fact]
    public async Task Unknown_unit_is_a_typed_failure()
    {
        var e = await Should.ThrowAsync<UnitNotFoundException>(() => sandbox.Systemd.GetPropertiesAsync("no-such-thing.service"));
        e.Unit.ShouldBe("no-such-thing.service");
    }

    [Fact]
    public async Task Stop_start_restart_wait_for_the_job()
    {
        const string unit = "memcached.service";
        await sandbox.Systemd.StopAsync(unit, JobTimeout);
        (await sandbox.Systemd.GetPropertiesAsync(unit)).String("ActiveState").ShouldBe("inactive");
        await sandbox.Systemd.StartAsync(unit, JobTimeout);
        var started = await sandbox.Systemd.GetPropertiesAsync(unit);
        started.String("ActiveState").ShouldBe("active");
        var pid = started.UNumber("MainPID");
        await sandbox.Systemd.RestartAsync(unit, JobTimeout);
        var restarted = await sandbox.Systemd.GetPropertiesAsync(unit);
        restarted.String("ActiveState").ShouldBe("active");
        restarted.UNumber("MainPID").ShouldNotBe(pid);
    }

    [Fact]
    public async Task A_failing_start_carries_systemds_state()
    {
        var dir = sandbox.HostPath("/etc/systemd/system/always-fails.service");
        await File.WriteAllTextAsync(dir, "[Service]\nType=oneshot\nExecStart=/bin/false\n");
        try
        {
            await sandbox.Systemd.DaemonReloadAsync();
            var e = await Should.ThrowAsync<SystemdException>(() => sandbox.Systemd.StartAsync("always-fails.service", JobTimeout));
            e.Message.ShouldContain("Result=exit-code");
        }
        finally
        {
            File.Delete(dir);
            await sandbox.Systemd.DaemonReloadAsync();
        }
    }

    [Fact]
    public async Task Daemon_reload_picks_up_a_drop_in_and_cat_shows_it()
    {
        var dropInDir = sandbox.HostPath("/etc/systemd/system/memcached.service.d");
        Directory.CreateDirectory(dropInDir);
        var file = Path.Combine(dropInDir, "50-test.conf");
        await File.WriteAllTextAsync(file, "[Service]\nProtectHostname=yes\n");
        try
        {
            (await sandbox.Systemd.GetPropertiesAsync("memcached.service")).Bool("ProtectHostname").ShouldBe(false);
            await sandbox.Systemd.DaemonReloadAsync();
            var p = await sandbox.Systemd.GetPropertiesAsync("memcached.service");
            p.Bool("ProtectHostname").ShouldBe(true);
            p.Strings("DropInPaths").ShouldContain("/etc/systemd/system/memcached.service.d/50-test.conf");
            var cat = await sandbox.Systemd.CatAsync("memcached.service");
            cat.ShouldContain("# /lib/systemd/system/memcached.service");
            cat.ShouldContain("# /etc/systemd/system/memcached.service.d/50-test.conf");
            cat.ShouldContain("ProtectHostname=yes");
        }
        finally
        {
            File.Delete(file);
            Directory.Delete(dropInDir);
            await sandbox.Systemd.DaemonReloadAsync();
        }
    }
}
