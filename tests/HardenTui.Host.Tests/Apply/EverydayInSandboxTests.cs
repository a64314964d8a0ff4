using HardenTui.Core.Overrides;
using HardenTui.Core.Wizard;
using HardenTui.Tui.AppHost;
using HardenTui.Host.Process;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace HardenTui.Host.Tests.Apply;

/// <summary>
/// More than the probe: a reload after the restart (nginx must survive `systemctl reload` hardened), and a soak
/// that catches a daemon which opens a new path only after some seconds, long after the probe passed.
/// </summary>
[Collection("session-sandbox")]
public class EverydayInSandboxTests(SessionSandboxFixture sandbox, ITestOutputHelper output)
{
    private Task<ProcessResult> CliAsync(params string[] args) =>
        sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [typeof(HardenTui.Cli.CliApp).Assembly.Location, .. args], Timeout: TimeSpan.FromMinutes(8)));

    [Fact]
    public async Task Nginx_hardened_by_apply_auto_survives_a_reload_and_the_soak()
    {
        const string unit = "nginx.service", probe = "curl -sf http://127.0.0.1/ >/dev/null";
        try
        {
            var apply = await CliAsync("apply", unit, "--auto", "--yes", "--probe", probe, "--trace-seconds", "6", "--soak", "4");
            output.WriteLine(apply.Stderr);

            apply.ExitCode.ShouldBe(0, apply.Stderr);
            apply.Stderr.ShouldContain($"reloaded {unit} during the trace");
            apply.Stderr.ShouldContain("hardentui: reload: done: reloaded; still active, probe passes");
            apply.Stderr.ShouldContain("hardentui: soak: done: 4 s without a denial");
            (await sandbox.ShAsync($"systemctl reload {unit} && sleep 1 && systemctl is-active {unit} && {probe} && echo serves"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["active", "serves"]);
            // An admin removes the log and has nginx reopen it: the master creates it as root and chowns it to www-data
            // for its workers. Seen in the sandbox: without CAP_CHOWN the chown failed and the access log was lost.
            await sandbox.ShAsync("""
                set -e
                rm /var/log/nginx/access.log
                nginx -s reopen
                for i in $(seq 1 100); do
                  curl -s -o /dev/null http://127.0.0.1/after-reopen
                  grep -q after-reopen /var/log/nginx/access.log 2>/dev/null && exit 0
                  sleep 0.2
                done
                ls -l /var/log/nginx >&2; tail -n 3 /var/log/nginx/error.log >&2
                exit 1
                """);
        }
        finally
        {
            await sandbox.ShAsync($"rm -f /{DropInPaths.PersistentFile(unit)}; systemctl daemon-reload; systemctl restart {unit}");
        }
    }

    /// <summary>
    /// Issue 14's mosquitto: its ExecReload= is `/bin/kill -HUP $MAINPID`, run as root against a daemon that dropped to
    /// its own user, so it needs CAP_KILL, which a trace without a reload never shows. The trace now reloads it.
    /// </summary>
    [Fact]
    public async Task Mosquitto_hardened_by_apply_auto_still_reloads()
    {
        const string unit = "mosquitto.service";
        try
        {
            await sandbox.ShAsync($"systemctl restart {unit}");
            var apply = await CliAsync("apply", unit, "--auto", "--yes", "--trace-seconds", "6", "--soak", "3");
            output.WriteLine(apply.Stderr);

            apply.ExitCode.ShouldBe(0, apply.Stderr);
            apply.Stderr.ShouldContain($"reloaded {unit} during the trace");
            apply.Stderr.ShouldContain("hardentui: reload: done: reloaded; still active");
            var dropIn = await File.ReadAllTextAsync(sandbox.HostPath("/" + DropInPaths.PersistentFile(unit)));
            output.WriteLine(dropIn);
            if (dropIn.Contains("CapabilityBoundingSet=")) dropIn.ShouldContain("CAP_KILL");
            (await sandbox.ShAsync($"systemctl reload {unit} && sleep 1 && systemctl is-active {unit}")).Trim().ShouldBe("active");
        }
        finally
        {
            await sandbox.ShAsync($"rm -f /{DropInPaths.PersistentFile(unit)}; systemctl daemon-reload; systemctl restart {unit}");
        }
    }

    /// <summary>
    /// SystemCallLog= (the unit's own, or a trace) puts SECCOMP records of calls that were allowed into the kernel log
    /// (code 0x7ffc0000): the soak must not take them for denials. tail, polling a missing file every half second
    /// without inotify, makes file-system calls all through the soak.
    /// </summary>
    [Fact]
    public async Task Calls_that_SystemCallLog_logged_are_not_denials_in_the_soak()
    {
        const string unit = "logged-poller.service";
        await sandbox.ShAsync($"""
            printf '[Service]\nExecStart=/usr/bin/tail ---disable-inotify -s 0.5 -F /run/nothing-here\nSystemCallLog=@file-system\n' > /etc/systemd/system/{unit}
            printf '[Service]\nPrivateTmp=yes\n' > /root/logged.conf
            systemctl daemon-reload && systemctl restart {unit}
            """);
        try
        {
            var apply = await CliAsync("apply", unit, "--dropin", "/root/logged.conf", "--yes", "--soak", "4");
            output.WriteLine(apply.Stderr);

            // The records are there (what the soak saw and left alone) ...
            (await sandbox.ShAsync("dmesg | grep -F type=1326 | grep -F 'exe=\"/usr/bin/tail\"' | grep -cF code=0x7ffc0000 || true")).Trim().ShouldNotBe("0");
            // ... and the soak passed.
            apply.Stderr.ShouldContain("hardentui: soak: done: 4 s without a denial");
            apply.ExitCode.ShouldBe(0, apply.Stderr);
        }
        finally
        {
            await RemoveAsync(unit);
        }
    }

    /// <summary>A daemon that writes /srv/late/ticks every second once it has run <paramref name="after"/> seconds, and a strict drop-in for it.</summary>
    private Task LateWriterAsync(string unit, int after) => sandbox.ShAsync($$"""
        mkdir -p /srv/late && rm -f /srv/late/ticks
        cat > /usr/local/bin/late-writer <<'SH'
        #!/bin/sh
        start=$(date +%s)
        while :; do
          if [ $(( $(date +%s) - start )) -ge {{after}} ]; then echo tick >> /srv/late/ticks; fi
          sleep 1
        done
        SH
        chmod 755 /usr/local/bin/late-writer
        printf '[Service]\nExecStart=/usr/local/bin/late-writer\n' > /etc/systemd/system/{{unit}}
        printf '[Service]\nProtectSystem=strict\nPrivateTmp=yes\n' > /root/late.conf
        systemctl daemon-reload && systemctl restart {{unit}}
        """);

    private Task RemoveAsync(string unit) =>
        sandbox.ShAsync($"systemctl stop {unit}; rm -rf /etc/systemd/system/{unit} /etc/systemd/system/{unit}.d; systemctl daemon-reload");

    [Fact]
    public async Task A_daemon_that_writes_a_new_path_after_seconds_is_caught_by_the_soak_and_the_culprit_dropped()
    {
        const string unit = "late-writer.service";
        await LateWriterAsync(unit, 8);
        try
        {
            var apply = await CliAsync("apply", unit, "--dropin", "/root/late.conf", "--yes", "--soak", "15");
            output.WriteLine(apply.Stderr);

            apply.Stderr.ShouldContain("hardentui: soak: failed:");
            apply.Stderr.ShouldContain("Read-only file system");
            apply.ExitCode.ShouldBe(0, apply.Stderr);
            apply.Stderr.ShouldContain("hardentui: dropped ProtectSystem=strict");
            var dropIn = await File.ReadAllTextAsync(sandbox.HostPath("/" + DropInPaths.PersistentFile(unit)));
            dropIn.ShouldContain("PrivateTmp=yes");
            dropIn.ShouldNotContain("ProtectSystem=");
            await sandbox.ShAsync("sleep 10; [ -s /srv/late/ticks ]");
        }
        finally
        {
            await RemoveAsync(unit);
        }
    }

    [Fact]
    public async Task Watch_names_protect_system_behind_a_late_write_and_its_relax_makes_the_daemon_work_again()
    {
        const string unit = "late-watched.service";
        await LateWriterAsync(unit, 14);
        try
        {
            var apply = await CliAsync("apply", unit, "--dropin", "/root/late.conf", "--yes", "--soak", "0");
            apply.ExitCode.ShouldBe(0, apply.Stderr);

            var watch = await CliAsync("watch", unit, "--relax", "--seconds", "45");
            output.WriteLine(watch.Stdout + watch.Stderr);

            watch.ExitCode.ShouldBe(0, watch.Stderr);
            watch.Stdout.ShouldContain($"{unit}: /srv/late/ticks refused by ProtectSystem= — relax: ReadWritePaths=-/srv/late | ");
            watch.Stderr.ShouldContain($"hardentui: {unit} restarted with ReadWritePaths=-/srv/late and is working");
            var dropIn = await File.ReadAllTextAsync(sandbox.HostPath("/" + DropInPaths.PersistentFile(unit)));
            dropIn.ShouldContain("ProtectSystem=strict");
            dropIn.ShouldContain("ReadWritePaths=-/srv/late");
            await sandbox.ShAsync("sleep 16; [ -s /srv/late/ticks ]");

            var install = await CliAsync("watch", "--install-unit");
            install.ExitCode.ShouldBe(0, install.Stderr);
            (await File.ReadAllTextAsync(sandbox.HostPath("/etc/systemd/system/hardentui-watch.service"))).ShouldContain(" watch\n");
        }
        finally
        {
            await RemoveAsync(unit);
            await sandbox.ShAsync("rm -f /etc/systemd/system/hardentui-watch.service");
        }
    }

    [Fact]
    public async Task The_wizard_counts_a_hardened_units_denials_in_the_picker_shows_them_in_the_overview_and_r_relaxes()
    {
        const string unit = "late-wizard.service";
        await LateWriterAsync(unit, 8);
        try
        {
            (await CliAsync("apply", unit, "--dropin", "/root/late.conf", "--yes", "--soak", "0")).ExitCode.ShouldBe(0);
            await sandbox.ShAsync("sleep 12");
            var effects = new WizardEffects(sandbox.Systemd, sandbox.Runner, TimeSpan.Zero, sandbox.Sandbox.RootPath);
            var msgs = new List<Msg>();
            void Post(Msg m) { lock (msgs) msgs.Add(m); }

            await effects.RunAsync(new Cmd.LoadServices(), Post, CancellationToken.None);
            await effects.RunAsync(new Cmd.LoadUnit(unit), Post, CancellationToken.None);

            msgs.OfType<Msg.ServicesLoaded>().Single().Services.Single(s => s.Unit == unit).Denials.ShouldBe(1);
            var opened = msgs.OfType<Msg.UnitLoaded>().Single().Unit;
            opened.Relaxable.ShouldNotBeNull().Directive.ShouldBe("ProtectSystem");
            opened.Relaxable.Relax.ShouldBe("ReadWritePaths=-/srv/late");

            await effects.RunAsync(new Cmd.Relax(unit, opened.Relaxable.Relax!), Post, CancellationToken.None);

            var relaxed = msgs.OfType<Msg.Relaxed>().Single();
            output.WriteLine(relaxed.Status);
            relaxed.Status.ShouldBe($"{unit} restarted with ReadWritePaths=-/srv/late and is working");
            (await File.ReadAllTextAsync(sandbox.HostPath("/" + DropInPaths.PersistentFile(unit)))).ShouldContain("ReadWritePaths=-/srv/late");
            await sandbox.ShAsync("rm -f /srv/late/ticks; sleep 12; [ -s /srv/late/ticks ]");
        }
        finally
        {
            await RemoveAsync(unit);
        }
    }

    /// <summary>
    /// Log rotation as Debian does it: /etc/logrotate.d/nginx moves the log, creates a new one and runs
    /// `invoke-rc.d nginx rotate`. Seen in the sandbox: a policy-rc.d inherited from this machine's root (Docker's
    /// `exit 101`) made invoke-rc.d deny silently (exit 0) and nginx kept writing into the moved file, which looked
    /// like the hardening's fault. The sandbox is a machine of its own: the rotation must reach nginx.
    /// </summary>
    [Fact]
    public async Task Logrotates_postrotate_reaches_nginx_in_the_sandbox_and_this_machines_policy_rc_d_stays()
    {
        var hostPolicy = File.Exists("/usr/sbin/policy-rc.d");
        await sandbox.ShAsync("""
            set -e
            cd /var/log/nginx
            mv access.log access.log.rotated-by-test
            install -m 640 -o www-data -g adm /dev/null access.log
            invoke-rc.d nginx rotate
            for i in $(seq 1 100); do
              curl -s -o /dev/null http://127.0.0.1/after-rotate
              grep -q after-rotate access.log && exit 0
              sleep 0.2
            done
            echo "nginx still writes into the moved log: $(grep -c after-rotate access.log.rotated-by-test) requests there" >&2
            exit 1
            """);
        File.Exists("/usr/sbin/policy-rc.d").ShouldBe(hostPolicy);
    }
}
