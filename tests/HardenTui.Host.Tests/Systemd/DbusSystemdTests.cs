using HardenTui.Core.Units;
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
            var e = await Should.ThrowAsync<JobFailedException>(() => sandbox.Systemd.StartAsync("always-fails.service", JobTimeout));
            e.JobResult.ShouldBe("failed"); // JobRemoved's own result
            e.UnitResult.ShouldBe("exit-code"); // and the unit's Result=
            e.Message.ShouldContain("Result=exit-code");
            e.Message.ShouldNotContain("\n");
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

    [Fact]
    public async Task A_job_on_a_unit_that_needs_a_failing_one_ends_with_dependency()
    {
        var fails = sandbox.HostPath("/etc/systemd/system/dep-fails.service");
        var needs = sandbox.HostPath("/etc/systemd/system/needs-dep.service");
        await File.WriteAllTextAsync(fails, "[Service]\nType=oneshot\nExecStart=/bin/false\n");
        await File.WriteAllTextAsync(needs, "[Unit]\nRequires=dep-fails.service\nAfter=dep-fails.service\n[Service]\nExecStart=/bin/sleep 600\n");
        try
        {
            await sandbox.Systemd.DaemonReloadAsync();
            var e = await Should.ThrowAsync<JobFailedException>(() => sandbox.Systemd.StartAsync("needs-dep.service", JobTimeout));
            e.JobResult.ShouldBe("dependency");
            e.Message.ShouldContain("dependency");
        }
        finally
        {
            File.Delete(fails);
            File.Delete(needs);
            await sandbox.Systemd.DaemonReloadAsync();
        }
    }

    [Fact]
    public async Task PropertiesChanged_reports_a_restart_as_it_happens()
    {
        const string unit = "memcached.service";
        var seen = new List<UnitLiveState>();
        var before = (await sandbox.Systemd.GetPropertiesAsync(unit)).UNumber("MainPID");
        await using (await sandbox.Systemd.WatchUnitAsync(unit, s => { lock (seen) seen.Add(s); }))
        {
            await sandbox.Systemd.RestartAsync(unit, JobTimeout);
            for (var i = 0; i < 50 && !Snapshot().Any(s => s.ActiveState == "active" && s.MainPid != before); i++) await Task.Delay(100);
        }
        var states = Snapshot();
        states[0].ActiveState.ShouldBe("active"); // where it started
        states.Select(s => s.ActiveState).ShouldContain(a => a == "deactivating" || a == "activating" || a == "inactive"); // the restart, seen as it went
        states[^1].ActiveState.ShouldBe("active");
        states[^1].SubState.ShouldBe("running");
        states[^1].MainPid.ShouldNotBe((uint)before!.Value);

        List<UnitLiveState> Snapshot() { lock (seen) return [.. seen]; }
    }

    [Fact]
    public async Task Invalidated_properties_are_read_again()
    {
        // systemd sends Exec*= of a service only as invalidated (EMITS_INVALIDATION): a watcher hears them only by re-reading.
        const string unit = "memcached.service";
        var seen = new List<IReadOnlyDictionary<string, object>>();
        var systemd = (DbusSystemd)sandbox.Systemd;
        await using (await systemd.WatchPropertiesAsync(unit, ["ExecStart", "ActiveState"], v => { lock (seen) seen.Add(v); }))
        {
            Snapshot().Count(v => v.ContainsKey("ExecStart")).ShouldBe(1); // the initial read
            await sandbox.Systemd.RestartAsync(unit, JobTimeout);
            for (var i = 0; i < 50 && Snapshot().Count(v => v.ContainsKey("ExecStart")) < 2; i++) await Task.Delay(100);
        }
        var withExec = Snapshot().Where(v => v.ContainsKey("ExecStart")).ToList();
        withExec.Count.ShouldBeGreaterThan(1, "the invalidated ExecStart was never read again");
        var again = withExec[^1]["ExecStart"].ShouldBeOfType<HardenTui.Core.Tracing.ExecCommand[]>();
        again.Single().Path.ShouldBe(withExec[0]["ExecStart"].ShouldBeOfType<HardenTui.Core.Tracing.ExecCommand[]>().Single().Path);
        Snapshot().ShouldContain(v => v.ContainsKey("ActiveState") && !v.ContainsKey("ExecStart")); // values sent with the signal

        List<IReadOnlyDictionary<string, object>> Snapshot() { lock (seen) return [.. seen]; }
    }

    [Fact]
    public async Task Reload_and_reset_failed_are_jobs_and_calls_with_systemds_reasons()
    {
        await sandbox.Systemd.ReloadAsync("nginx.service", JobTimeout);
        (await sandbox.Systemd.GetPropertiesAsync("nginx.service")).String("ActiveState").ShouldBe("active");

        var file = sandbox.HostPath("/etc/systemd/system/bad-reload.service");
        await File.WriteAllTextAsync(file, "[Service]\nExecStart=/bin/sleep 600\nExecReload=/bin/false\n");
        try
        {
            await sandbox.Systemd.DaemonReloadAsync();
            await sandbox.Systemd.StartAsync("bad-reload.service", JobTimeout);
            var e = await Should.ThrowAsync<JobFailedException>(() => sandbox.Systemd.ReloadAsync("bad-reload.service", JobTimeout));
            e.JobResult.ShouldBe("failed");
            e.Message.ShouldNotContain("\n");
            var cannot = await Should.ThrowAsync<SystemdException>(() => sandbox.Systemd.ReloadAsync("memcached.service", JobTimeout));
            cannot.Message.ShouldStartWith("ReloadUnit memcached.service: ");
            cannot.Message.ShouldNotContain("\n");

            await sandbox.Systemd.StopAsync("bad-reload.service", JobTimeout);
            await File.WriteAllTextAsync(file, "[Service]\nType=oneshot\nExecStart=/bin/false\n");
            await sandbox.Systemd.DaemonReloadAsync();
            await Should.ThrowAsync<JobFailedException>(() => sandbox.Systemd.StartAsync("bad-reload.service", JobTimeout));
            (await sandbox.Systemd.GetPropertiesAsync("bad-reload.service")).String("ActiveState").ShouldBe("failed");
            await sandbox.Systemd.ResetFailedAsync("bad-reload.service");
            (await sandbox.Systemd.GetPropertiesAsync("bad-reload.service")).String("ActiveState").ShouldBe("inactive");
            (await Should.ThrowAsync<UnitNotFoundException>(() => sandbox.Systemd.ResetFailedAsync("no-such-thing.service"))).Unit.ShouldBe("no-such-thing.service");
        }
        finally
        {
            File.Delete(file);
            await sandbox.Systemd.DaemonReloadAsync();
        }
    }

    [Fact]
    public async Task System_state_is_what_is_system_running_prints()
    {
        var r = await sandbox.Runner.RunAsync(HardenTui.Host.Process.ProcessSpec.Of("systemctl", "is-system-running"));
        (await sandbox.Systemd.GetManagerStringAsync("SystemState")).ShouldBe(r.Stdout.Trim());
    }

    [Fact]
    public async Task The_service_watch_hears_a_unit_appear_change_and_go()
    {
        var file = sandbox.HostPath("/etc/systemd/system/watched-new.service");
        var events = new List<ServiceEvent>();
        await using (await sandbox.Systemd.WatchServicesAsync(e => { lock (events) events.Add(e); }))
        {
            await File.WriteAllTextAsync(file, "[Service]\nExecStart=/bin/sleep 600\n");
            try
            {
                await sandbox.Systemd.DaemonReloadAsync();
                await sandbox.Systemd.StartAsync("watched-new.service", JobTimeout);
                await sandbox.Systemd.StopAsync("watched-new.service", JobTimeout);
            }
            finally
            {
                File.Delete(file);
                await sandbox.Systemd.DaemonReloadAsync();
            }
            for (var i = 0; i < 50 && !Seen().Any(e => e.Kind == ServiceEventKind.Disappeared); i++) await Task.Delay(100);
        }
        var mine = Seen().Where(e => e.Unit == "watched-new.service").ToList();
        mine.ShouldContain(e => e.Kind == ServiceEventKind.Appeared);
        mine.ShouldContain(e => e.Kind == ServiceEventKind.Changed && e.ActiveState == "active");
        mine.ShouldContain(e => e.Kind == ServiceEventKind.Disappeared);

        List<ServiceEvent> Seen() { lock (events) return [.. events]; }
    }

    [Fact]
    public async Task A_dbus_error_is_one_line()
    {
        var e = await Should.ThrowAsync<SystemdException>(() => sandbox.Systemd.StartAsync("bad/name.service", JobTimeout));
        e.Message.ShouldNotContain("\n");
        e.Message.ShouldStartWith("StartUnit bad/name.service: ");
        var missing = await Should.ThrowAsync<UnitNotFoundException>(() => sandbox.Systemd.StartAsync("no-such-thing.service", JobTimeout));
        missing.Message.ShouldBe("unit no-such-thing.service is not known to systemd (no unit file found)");
    }

    [Fact]
    public async Task No_bus_is_one_line_naming_the_socket()
    {
        using var nowhere = new DbusSystemd("unix:path=/run/no-such-dir/system_bus_socket");
        var e = await Should.ThrowAsync<SystemdException>(() => nowhere.ListServicesAsync());
        e.Message.ShouldBe("cannot reach systemd: /run/no-such-dir/system_bus_socket does not exist (is systemd the service manager here, with a running D-Bus?)");
    }

    [Fact]
    public async Task Cat_is_exactly_what_systemctl_cat_prints_for_every_service()
    {
        var services = (await sandbox.Systemd.ListServicesAsync()).Where(u => u.LoadState == "loaded").Select(u => u.Name).ToList();
        services.Count.ShouldBeGreaterThan(20);
        foreach (var unit in services)
        {
            var real = await sandbox.Runner.RunAsync(HardenTui.Host.Process.ProcessSpec.Of("systemctl", "cat", "--no-pager", "--", unit));
            (await sandbox.Systemd.CatAsync(unit)).ShouldBe(real.Stdout, unit);
        }
    }

    [Fact]
    public async Task As_a_user_the_system_bus_reads_but_a_change_is_refused_in_one_line()
    {
        // The app itself, inside the sandbox, as nobody: reading works, changing is refused read-only, no stack trace.
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var analyze = await sandbox.Runner.RunAsync(HardenTui.Host.Process.ProcessSpec.Of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
            "dotnet", app, "analyze", "memcached.service"));
        analyze.ExitCode.ShouldBe(0, analyze.Stderr);
        analyze.Stdout.ShouldContain("Overall exposure level for memcached.service");
        var rollback = await sandbox.Runner.RunAsync(HardenTui.Host.Process.ProcessSpec.Of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
            "dotnet", app, "rollback", "memcached.service"));
        rollback.ExitCode.ShouldBe(2);
        rollback.Stderr.Trim().ShouldBe("hardentui: rollback changes systemd units and needs root (run it with sudo); nothing was done");
    }
}
