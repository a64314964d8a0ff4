using HardenTui.Core.Exposure;
using HardenTui.Core.Overrides;
using HardenTui.Host.Exposure;
using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Apply;

/// <summary>
/// The promise, end to end: `hardentui apply UNIT --auto --yes --probe …` run as a user runs it (the CLI
/// inside the sandbox) traces, proposes the defaults, applies and verifies; the service then survives one more
/// plain restart, its exposure is lower, and the user's override.conf and the vendor unit are never touched —
/// neither by apply nor by `hardentui rollback`.
/// </summary>
[Collection("sandbox")]
public class AutoApplyInSandboxTests(SandboxFixture sandbox)
{
    public static TheoryData<string, string> Services => new()
    {
        { "nginx.service", "curl -sf http://127.0.0.1/ >/dev/null" },
        { "redis-server.service", "redis-cli set k v && redis-cli save" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Apply_auto_hardens_the_service_lowers_its_exposure_and_leaves_user_and_vendor_files_alone(string unit, string probe)
    {
        var vendorUnit = $"/lib/systemd/system/{unit}";
        var userOverride = $"/etc/systemd/system/{unit}.d/override.conf";
        await sandbox.ShAsync($"mkdir -p /etc/systemd/system/{unit}.d && printf '# the user own override\\n[Service]\\nNice=1\\n' > {userOverride}" +
            $" && systemctl daemon-reload && systemctl restart {unit}");
        var vendorBefore = await File.ReadAllBytesAsync(sandbox.HostPath(vendorUnit));
        var userBefore = await File.ReadAllBytesAsync(sandbox.HostPath(userOverride));
        var exposure = new ExposureHost(sandbox.Runner, sandbox.Systemd);
        var before = ExposureScorer.Score(await exposure.LoadedAsync(unit)).ExposureTenths;

        var apply = await CliAsync("apply", unit, "--auto", "--yes", "--probe", probe, "--trace-seconds", "10");

        apply.ExitCode.ShouldBe(0, apply.Stderr);
        apply.Stderr.ShouldContain($"{unit} is hardened and working");
        apply.Stderr.ShouldContain("probe during the trace exited 0");
        var dropIn = DropIn.Parse(unit, await File.ReadAllTextAsync(sandbox.HostPath("/" + DropInPaths.PersistentFile(unit))));
        dropIn.Directives.ShouldNotBeEmpty();
        var catalog = HardenTui.Core.Directives.DirectiveCatalog.Load();
        dropIn.Directives.ShouldAllBe(d => catalog.TooNew(d.Name, d.Value, 252) == null, "252 must get nothing newer than 252");
        dropIn.Directives.ShouldNotContain(d => d.Name == "PrivateUsers", "PrivateUsers= stays the user's call on 252");
        // Debian's 252 is built without BPF: the file-system allow-list is written and restart-verified, and said to do nothing here.
        var restrict = dropIn.Directives.Where(d => d.Name == "RestrictFileSystems").ShouldHaveSingleItem();
        restrict.Value.ShouldStartWith("@basic-api ");
        apply.Stderr.ShouldContain($"{restrict.Line} is written but NOT enforced here: this systemd is built without BPF");
        (await sandbox.ShAsync($"systemctl restart {unit} && sleep 1 && systemctl is-active {unit} && ({probe}) >/dev/null && echo probe-ok"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["active", "probe-ok"]);
        var after = ExposureScorer.Score(await exposure.LoadedAsync(unit)).ExposureTenths;
        after.ShouldBeLessThan(before, $"{unit}: exposure {before} tenths before, {after} after, with\n{dropIn.Render(DateTimeOffset.UnixEpoch)}");
        (await File.ReadAllBytesAsync(sandbox.HostPath(vendorUnit))).ShouldBe(vendorBefore);
        (await File.ReadAllBytesAsync(sandbox.HostPath(userOverride))).ShouldBe(userBefore);

        // Again, as an admin does after an upgrade: the new drop-in replaces ours, whose lines the resolver reads as the
        // unit's own settings; they stay (it wrote 3 lines over nginx's 33 and took it from 2.6 back to 9.6).
        var again = await CliAsync("apply", unit, "--auto", "--yes", "--probe", probe, "--trace-seconds", "5", "--soak", "0");
        again.ExitCode.ShouldBe(0, again.Stderr);
        var second = DropIn.Parse(unit, await File.ReadAllTextAsync(sandbox.HostPath("/" + DropInPaths.PersistentFile(unit))));
        var kept = second.Directives.Select(d => d.Name).ToHashSet();
        dropIn.Directives.Select(d => d.Name).Distinct().ShouldAllBe(n => kept.Contains(n), again.Stderr);
        ExposureScorer.Score(await exposure.LoadedAsync(unit)).ExposureTenths.ShouldBeLessThanOrEqualTo(after, again.Stderr);

        var rollback = await CliAsync("rollback", unit);

        rollback.ExitCode.ShouldBe(0, rollback.Stderr);
        File.Exists(sandbox.HostPath("/" + DropInPaths.PersistentFile(unit))).ShouldBeFalse();
        ExposureScorer.Score(await exposure.LoadedAsync(unit)).ExposureTenths.ShouldBe(before);
        (await File.ReadAllBytesAsync(sandbox.HostPath(vendorUnit))).ShouldBe(vendorBefore);
        (await File.ReadAllBytesAsync(sandbox.HostPath(userOverride))).ShouldBe(userBefore);
        (await sandbox.ShAsync($"systemctl is-active {unit}")).Trim().ShouldBe("active");
    }

    private Task<ProcessResult> CliAsync(params string[] args) =>
        sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [typeof(HardenTui.Cli.CliApp).Assembly.Location, .. args], Timeout: TimeSpan.FromMinutes(5)));
}
