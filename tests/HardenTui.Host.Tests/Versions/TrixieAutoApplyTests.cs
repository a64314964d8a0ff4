using HardenTui.Core.Directives;
using HardenTui.Core.Exposure;
using HardenTui.Core.Overrides;
using HardenTui.Host.Exposure;
using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Versions;

/// <summary>
/// `apply --auto` on Debian 13's systemd 257: the trace-backed proposals use 257's settings and values
/// (ProtectControlGroups=strict, PrivateTmp=disconnected, PrivatePIDs=yes where the service type allows,
/// PrivateUsers=self where the service runs as its own user and uses no capability the host checks — redis-server,
/// whose Debian unit says PrivateUsers=true, with a user's override turning it off first —, off for nginx's port 80
/// and memcached's setgroups()), RestrictFileSystems= from the file systems the trace touched (said NOT
/// enforced: the sandbox has no securityfs), every restart is verified, the service keeps serving and its exposure
/// drops; rollback restores it.
/// </summary>
[Collection("trixie-sandbox")]
public class TrixieAutoApplyTests(TrixieSandboxFixture trixie)
{
    /// <summary>Unit, probe, and the PrivateUsers= value the trace allows ("" for none: the unit sets it, or the trace shows a need).</summary>
    public static TheoryData<string, string, string> Services => new()
    {
        { "nginx.service", "curl -sf http://127.0.0.1/ >/dev/null", "" },
        { "redis-server.service", "redis-cli set k v && redis-cli save", "" },
        { "redis-server.service", "redis-cli set k v && redis-cli save", "self" }, // with PrivateUsers=no in the user's override
        { "memcached.service", "printf 'version\\r\\nquit\\r\\n' | curl -s --max-time 3 telnet://127.0.0.1:11211 | grep -q VERSION", "" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Apply_auto_uses_257s_settings_and_the_service_keeps_working(string unit, string probe, string privateUsers)
    {
        // A drop-in sorting before ours stands in for a vendor unit without PrivateUsers= (a user's override.conf would
        // sort after 90-hardentui.conf and win over the proposal).
        var without = $"/etc/systemd/system/{unit}.d/10-test-no-private-users.conf";
        var unset = unit == "redis-server.service" && privateUsers.Length > 0;
        if (unset)
            await trixie.ShAsync($"mkdir -p /etc/systemd/system/{unit}.d && printf '[Service]\\nPrivateUsers=no\\n' > {without}" +
                $" && systemctl daemon-reload && systemctl restart {unit}");
        try
        {
            await ApplyAndRollBackAsync(unit, probe, privateUsers);
        }
        finally
        {
            // Whatever failed, the next case starts from the unit as shipped.
            await trixie.ShAsync($"rm -f {without} /{DropInPaths.PersistentFile(unit)} && systemctl daemon-reload && systemctl restart {unit}");
        }
    }

    private async Task ApplyAndRollBackAsync(string unit, string probe, string privateUsers)
    {
        var exposure = new ExposureHost(trixie.Runner, trixie.Systemd);
        var before = ExposureScorer.Score(await exposure.LoadedAsync(unit)).ExposureTenths;

        var apply = await CliAsync("apply", unit, "--auto", "--yes", "--probe", probe, "--trace-seconds", "10");

        apply.ExitCode.ShouldBe(0, apply.Stderr);
        apply.Stderr.ShouldContain($"{unit} is hardened and working");
        var dropIn = DropIn.Parse(unit, await File.ReadAllTextAsync(trixie.HostPath("/" + DropInPaths.PersistentFile(unit))));
        var lines = dropIn.Directives.Select(d => d.Line).ToList();
        lines.ShouldContain("ProtectControlGroups=strict");
        lines.ShouldContain("PrivateTmp=disconnected");
        var restrict = lines.Where(l => l.StartsWith("RestrictFileSystems=@basic-api ", StringComparison.Ordinal)).ShouldHaveSingleItem();
        apply.Stderr.ShouldContain($"{restrict} is written but NOT enforced here: there is no /sys/kernel/security/lsm");
        (await trixie.ShAsync($"systemctl show -P RestrictFileSystems {unit}")).Trim().ShouldNotBeEmpty();
        if (privateUsers.Length > 0)
        {
            lines.ShouldContain($"PrivateUsers={privateUsers}", apply.Stderr);
            (await trixie.ShAsync($"systemctl show -P PrivateUsersEx {unit}")).Trim().ShouldBe(privateUsers);
        }
        else lines.ShouldNotContain(l => l.StartsWith("PrivateUsers=", StringComparison.Ordinal), apply.Stderr);
        var catalog = DirectiveCatalog.Load();
        var newer = dropIn.Directives.Where(d => catalog.TooNew(d.Name, d.Value, 256) is not null).Select(d => d.Line).ToList();
        Console.WriteLine($"{unit} on 257: {string.Join(", ", newer)}");
        (await trixie.ShAsync($"systemctl show -P ProtectControlGroupsEx {unit}; systemctl show -P PrivateTmpEx {unit}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["strict", "disconnected"]);
        (await trixie.ShAsync($"systemctl restart {unit} && sleep 1 && systemctl is-active {unit} && ({probe}) >/dev/null && echo probe-ok"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["active", "probe-ok"]);
        var after = ExposureScorer.Score(await exposure.LoadedAsync(unit)).ExposureTenths;
        after.ShouldBeLessThan(before, $"{unit}: exposure {before} tenths before, {after} after");
        Console.WriteLine($"{unit} on 257: exposure {before / 10.0:0.0} before, {after / 10.0:0.0} after; {restrict}");

        var rollback = await CliAsync("rollback", unit);

        rollback.ExitCode.ShouldBe(0, rollback.Stderr);
        ExposureScorer.Score(await exposure.LoadedAsync(unit)).ExposureTenths.ShouldBe(before);
        (await trixie.ShAsync($"systemctl is-active {unit}")).Trim().ShouldBe("active");
    }

    private Task<ProcessResult> CliAsync(params string[] args) =>
        trixie.Runner.RunAsync(new ProcessSpec(Environment.ProcessPath!, [typeof(HardenTui.Cli.CliApp).Assembly.Location, .. args],
            Timeout: TimeSpan.FromMinutes(5)));
}
