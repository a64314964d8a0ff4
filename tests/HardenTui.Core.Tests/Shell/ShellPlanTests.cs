using HardenTui.Core.Overrides;
using HardenTui.Core.Shell;
using HardenTui.Core.Units;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Shell;

public class ShellPlanTests
{
    // As `systemctl cat redis-server.service` prints it (trimmed), with an older HardenTui drop-in whose reason
    // comment starts like a path.
    private const string Cat = """
        # /lib/systemd/system/redis-server.service
        [Unit]
        Description=Advanced key-value store

        [Service]
        Type=notify
        ExecStart=/usr/bin/redis-server /etc/redis/redis.conf --supervised systemd --daemonize no
        User=redis
        Group=redis
        RuntimeDirectory=redis
        ReadWritePaths=-/var/lib/redis
        ReadWritePaths=-/var/log/redis
        NoExecPaths=/
        ExecPaths=/usr/bin/redis-server /usr/lib /lib
        RemoveIPC=true
        PrivateTmp=true
        CapabilityBoundingSet=
        StateDirectory=%p

        # /etc/systemd/system/redis-server.service.d/90-hardentui.conf
        # Written by HardenTui for redis-server.service on 2025-03-01 12:30:00 UTC
        [Service]
        # /proc/sys and /sys were read, never written
        ProtectKernelTunables=yes
        ProtectHome=read-only
        """;

    private static readonly ShellProgram Sh = new("/usr/bin/sh", [], ["/usr/bin/sh", "/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6"]);

    [Fact]
    public void The_unit_as_it_is_carries_its_sandbox_but_not_how_it_starts()
    {
        var plan = ShellPlan.For("redis-server.service", Cat, null, 252, Sh);
        var keys = plan.Settings.Select(s => s.Key).ToList();
        keys.ShouldNotContain("Type");
        keys.ShouldNotContain("ExecStart");
        keys.ShouldContain("User");
        keys.ShouldContain("ProtectKernelTunables");
        plan.Settings.Where(s => s.Key == "ReadWritePaths").Select(s => s.Value).ShouldBe(["-/var/lib/redis", "-/var/log/redis"]);
        plan.Settings.Single(s => s.Key == "CapabilityBoundingSet").Value.ShouldBe(""); // empty is "no capabilities", kept
        plan.Settings.Single(s => s.Key == "StateDirectory").Value.ShouldBe("redis-server"); // %p of the service, not of the shell
        plan.Settings.Single(s => s.Key == "User").From.ShouldBe("/lib/systemd/system/redis-server.service");
        plan.Left.Single().Key.ShouldBe("RemoveIPC");
        plan.Notes.ShouldContain(n => n.Contains("runs as redis:redis"));
        plan.Notes.ShouldContain(n => n.StartsWith("PrivateTmp="));
    }

    [Fact]
    public void Under_NoExecPaths_the_shell_its_loader_and_libraries_are_added_to_ExecPaths()
    {
        var plan = ShellPlan.For("redis-server.service", Cat, null, 252, Sh);
        var added = plan.Settings.Single(s => s.From == ShellPlan.Ours && s.Key == "ExecPaths");
        added.Value.ShouldBe("/usr/bin/sh /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libc.so.6");
        plan.Notes.ShouldContain(n => n.StartsWith("added ExecPaths=/usr/bin/sh") && n.Contains("NoExecPaths=/"));
        ShellPlan.For("nginx.service", "[Service]\nProtectSystem=strict\n", null, 252, Sh).Settings.ShouldNotContain(s => s.Key == "ExecPaths");
    }

    [Fact]
    public void Runtime_directory_is_preserved_so_the_running_service_keeps_it()
    {
        var plan = ShellPlan.For("redis-server.service", Cat, null, 252, Sh);
        plan.Settings.ShouldContain(new ShellSetting("RuntimeDirectoryPreserve", "yes", ShellPlan.Ours));
    }

    [Fact]
    public void A_drop_in_takes_our_drop_in_place_and_later_drop_ins_still_win()
    {
        var cat = Cat + "\n\n# /etc/systemd/system/redis-server.service.d/override.conf\n[Service]\nProtectHome=no\n";
        var plan = ShellPlan.For("redis-server.service", cat, "[Service]\nProtectSystem=strict\nProtectHome=yes\n", 252, Sh);
        plan.Settings.ShouldNotContain(s => s.Key == "ProtectKernelTunables"); // the old drop-in is replaced, reasons and all
        plan.Settings.Single(s => s.Key == "ProtectSystem").Value.ShouldBe("strict");
        plan.Settings.Single(s => s.Key == "ProtectHome").Value.ShouldBe("no"); // override.conf sorts after 90-hardentui.conf
    }

    [Fact]
    public void Directives_newer_than_the_running_systemd_are_left_out_with_the_version()
    {
        var plan = ShellPlan.For("nginx.service", "[Service]\nRestrictNetworkInterfaces=lo\nProtectSystem=full\n", null, 249, Sh);
        plan.Left.Single().Why.ShouldBe("systemd 249 does not know it (RestrictNetworkInterfaces= needs systemd 250, the target has 249)");
        plan.Has("ProtectSystem").ShouldBeTrue();
        ShellPlan.For("nginx.service", "[Service]\nProtectControlGroups=strict\n", null, 252, Sh).Left.Single().Why
            .ShouldBe("systemd 252 does not know it (ProtectControlGroups=strict needs systemd 257, the target has 252)");
        ShellPlan.For("nginx.service", "[Service]\nProtectControlGroups=strict\n", null, 257, Sh).Has("ProtectControlGroups").ShouldBeTrue();
    }

    [Fact]
    public void Unknown_specifiers_leave_the_value_out_and_say_which()
    {
        var plan = ShellPlan.For("nginx.service", "[Service]\nReadWritePaths=%h/x %S/nginx\n", null, 252, Sh);
        plan.Left.Single().Why.ShouldContain("%h");
        Specifiers.Expand("%S/%N %t/%i %%", UnitName.Parse("getty@tty1.service"), out _).ShouldBe("/var/lib/getty@tty1 /run/tty1 %");
        Specifiers.Expand("/srv/%I", UnitName.Parse("srv@a-b.service"), out _).ShouldBe("/srv/a/b");
    }

    [Fact]
    public void A_refused_setting_is_left_out_with_systemds_words()
    {
        var plan = ShellPlan.For("nginx.service", "[Service]\nPrivatePIDs=yes\nProtectControlGroups=strict\nProtectHome=yes\n", null, 257, Sh);
        var keys = plan.Settings.Select(s => s.Key);
        SystemdRun.Refusal("Unknown assignment: PrivatePIDs=yes\n", keys).ShouldBe(("PrivatePIDs", "Unknown assignment: PrivatePIDs=yes"));
        SystemdRun.Refusal("Failed to parse ProtectControlGroups: strict", keys)!.Value.Key.ShouldBe("ProtectControlGroups");
        SystemdRun.Refusal("Failed to start transient service unit: Cannot set property ProtectHome, or unknown property.", keys)!.Value.Key.ShouldBe("ProtectHome");
        SystemdRun.Refusal("Failed to connect to bus: No such file or directory", keys).ShouldBeNull();
        var without = plan.Without("PrivatePIDs", "refused");
        without.Has("PrivatePIDs").ShouldBeFalse();
        without.Left.Single().ShouldBe(new LeftOut("PrivatePIDs", "yes", "refused"));
    }

    [Fact]
    public void Directives_and_values_newer_than_the_systemd_are_left_out_naming_both_versions()
    {
        var plan = ShellPlan.For("nginx.service", "[Service]\nPrivatePIDs=yes\nProtectControlGroups=strict\nProtectHome=yes\n", null, 252, Sh);
        plan.Has("ProtectHome").ShouldBeTrue();
        plan.Left.Select(l => l.Key).ShouldBe(["PrivatePIDs", "ProtectControlGroups"], ignoreOrder: true);
        plan.Left.Single(l => l.Key == "ProtectControlGroups").Why.ShouldContain("needs systemd 257, the target has 252");
    }

    [Fact]
    public void Systemd_run_gets_every_setting_as_a_property_and_the_program_after_double_dash()
    {
        var plan = ShellPlan.For("nginx.service", "[Service]\nProtectSystem=strict\nReadWritePaths=/var/log/nginx\n", null, 252,
            new ShellProgram("/usr/bin/touch", ["/etc/x"], ["/usr/bin/touch"]));
        var args = SystemdRun.Args(plan, tty: false, "42");
        args.ShouldBe([
            "--unit=hardentui-shell-nginx-42.service", "--description=HardenTui shell in the sandbox of nginx.service",
            "--collect", "--wait", "--pipe", "--setenv=PS1=[nginx.service sandbox] \\w \\$ ",
            "--property=ProtectSystem=strict", "--property=ReadWritePaths=/var/log/nginx", "--", "/usr/bin/touch", "/etc/x",
        ]);
        SystemdRun.Args(plan, tty: true, "42").ShouldContain("--pty");
        var dollars = ShellPlan.For("nginx.service", "[Service]\n", null, 252, new ShellProgram("/usr/bin/sh", ["-c", "echo $$ $HOME"], ["/usr/bin/sh"]));
        SystemdRun.Args(dollars, tty: false, "42")[^1].ShouldBe("echo $$$$ $$HOME"); // the manager turns "$$" back into "$"
        SystemdRun.UnitNameFor("getty@tty1.service", "7").ShouldBe("hardentui-shell-getty-7.service");
    }

    [Fact]
    public void The_end_of_the_unit_is_explained_when_it_was_not_an_ordinary_exit()
    {
        SystemdRun.Explain(["Finished with result: signal", "Main processes terminated with: code=killed/status=SYS"])!
            .ShouldContain("SystemCallFilter=");
        SystemdRun.Explain(["Finished with result: exit-code", "Main processes terminated with: code=exited/status=203/EXEC"])!
            .ShouldContain("NoExecPaths=");
        SystemdRun.Explain(["Finished with result: exit-code", "Main processes terminated with: code=exited/status=1"]).ShouldBeNull();
        SystemdRun.Explain(["Finished with result: success"]).ShouldBeNull();
        SystemdRun.IsReportLine("Running as unit: hardentui-shell-nginx-42.service").ShouldBeTrue();
        SystemdRun.IsReportLine("touch: cannot touch '/etc/x': Read-only file system").ShouldBeFalse();
    }

    [Fact]
    public void Ldd_names_the_loader_and_libraries()
    {
        Ldd.Files("""
            	linux-vdso.so.1 (0x00007f654d780000)
            	libtinfo.so.6 => /lib/x86_64-linux-gnu/libtinfo.so.6 (0x00007f654d5fc000)
            	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f654d41a000)
            	/lib64/ld-linux-x86-64.so.2 (0x00007f654d782000)
            """).ShouldBe(["/lib/x86_64-linux-gnu/libtinfo.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"]);
        Ldd.Files("\tnot a dynamic executable\n").ShouldBeEmpty();
    }

    [Fact]
    public void Cat_headers_are_paths_alone_not_reason_comments()
    {
        EffectiveUnitText.Files(Cat).Select(f => f.Path).ShouldBe([
            "/lib/systemd/system/redis-server.service", "/etc/systemd/system/redis-server.service.d/90-hardentui.conf"]);
    }
}
