using HardenTui.Core;
using HardenTui.Core.Overrides;
using HardenTui.Host.Apply;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Apply;

/// <summary>Failure paths against the real sandbox systemd: systemd's own check before a write, a unit that fails its second start.</summary>
[Collection("sandbox")]
public class HostileApplyInSandboxTests(SandboxFixture sandbox)
{
    private const string Nginx = "nginx.service";
    private static readonly HealthCheck Check = new("curl -sf http://127.0.0.1/ >/dev/null", TimeSpan.FromSeconds(2));
    private static string Cli => typeof(HardenTui.Cli.CliApp).Assembly.Location;

    private ApplyWorkflow Workflow(out DropInStore store)
    {
        store = new DropInStore(sandbox.Sandbox.RootPath, TimeProvider.System);
        var journal = new OperationJournal(sandbox.Sandbox.RootPath, TimeProvider.System);
        return new ApplyWorkflow(sandbox.Systemd, store, journal, new ServiceHealth(sandbox.Systemd, sandbox.Runner, TimeProvider.System), TimeProvider.System);
    }

    [Fact]
    public async Task A_value_systemd_itself_cannot_parse_is_refused_before_anything_is_written()
    {
        var workflow = Workflow(out var store);
        var pid = (await sandbox.ShAsync($"systemctl show -p MainPID --value {Nginx}")).Trim();
        // Shaped like an address family, so the catalog check passes; systemd's parser knows no AF_HARDENTUI.
        var dropIn = new DropIn(Nginx, [new("ProtectHome", "yes", "t"), new("RestrictAddressFamilies", "AF_INET AF_HARDENTUI", "t")]);

        var e = await Should.ThrowAsync<BadInputException>(() => workflow.ApplyAsync(dropIn, Check, bisect: true));

        e.Message.ShouldContain("systemd refuses the drop-in");
        e.Message.ShouldContain("AF_HARDENTUI");
        e.Message.ShouldNotContain("\n");
        store.Read(Nginx).ShouldBeNull();
        Directory.Exists(sandbox.HostPath("/etc/systemd/system/nginx.service.d/90-hardentui.conf")).ShouldBeFalse();
        Directory.EnumerateFileSystemEntries(sandbox.HostPath("/var/lib/hardentui/verify")).ShouldBeEmpty();
        (await sandbox.ShAsync($"systemctl show -p MainPID --value {Nginx}")).Trim().ShouldBe(pid, "not restarted");
    }

    [Fact]
    public async Task A_unit_that_fails_its_second_start_is_brought_back_running_when_the_drop_in_goes()
    {
        // A TEST-only unit (installed here, not through our validated path): its ExecStartPre fails on every start after
        // the first while our drop-in is present, so the apply's first restart passes and the confirming one fails.
        const string unit = "flaky-second-start.service";
        var ours = "/" + DropInPaths.PersistentFile(unit);
        await sandbox.ShAsync($$"""
            rm -f /var/tmp/flaky-started; rm -rf /etc/systemd/system/{{unit}}.d
            cat > /etc/systemd/system/{{unit}} <<'U'
            [Service]
            ExecStartPre=/bin/sh -c 'if [ -e {{ours}} ]; then [ -e /var/tmp/flaky-started ] && exit 1; touch /var/tmp/flaky-started; fi; true'
            ExecStart=/bin/sleep infinity
            U
            systemctl daemon-reload && systemctl restart {{unit}}
            printf '[Service]\nProtectHome=yes\n' > /tmp/flaky.conf
            """);

        var r = await sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [Cli, "apply", unit, "--dropin", "/tmp/flaky.conf", "--yes", "--settle-seconds", "1"], Timeout: TimeSpan.FromMinutes(3)));

        r.ExitCode.ShouldBe(1, r.Stderr);
        r.Stderr.ShouldContain("failed on the confirming restart");
        r.Stderr.ShouldContain($"rolled back: the drop-in is removed and {unit} runs as before");
        (await sandbox.ShAsync($"systemctl is-active {unit} || true")).Trim().ShouldBe("active");
        File.Exists(sandbox.HostPath(ours)).ShouldBeFalse();
        Directory.Exists(sandbox.HostPath($"/etc/systemd/system/{unit}.d")).ShouldBeFalse("the directory we created goes with our drop-in");
        await sandbox.ShAsync($"systemctl stop {unit}; rm -f /etc/systemd/system/{unit}; systemctl daemon-reload");
    }
}
