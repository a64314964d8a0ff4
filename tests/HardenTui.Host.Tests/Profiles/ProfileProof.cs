using HardenTui.Core.Exposure;
using HardenTui.Host.Apply;
using HardenTui.Host.Exposure;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Profiles;
using HardenTui.Host.Systemd;
using Shouldly;
using Xunit.Abstractions;

namespace HardenTui.Host.Tests.Profiles;

/// <summary>
/// Proves one shipped profile in a booted sandbox the way `hardentui apply UNIT --profile NAME` does it:
/// ProfilePlan (conditions, drop-in, the profile's probe), ApplyWorkflow with bisect, one confirming restart;
/// then the exposure must have fallen and nothing may have been dropped. Rolls back so tests stay independent.
/// </summary>
internal static class ProfileProof
{
    public static async Task RunAsync(BootedSandbox sandbox, string profileName, string unit, ITestOutputHelper output)
    {
        await sandbox.ShAsync($"systemctl restart {unit} && systemctl is-active {unit}");
        var exposure = new ExposureHost(sandbox.Runner, sandbox.Systemd);
        var before = ExposureScorer.Score(await exposure.LoadedAsync(unit));
        var library = ProfileLibrary.Shipped().ShouldNotBeNull("profiles/ not found above the test binaries");
        var plan = ProfilePlan.For(library.Named(profileName), unit, await ManagerFacts.ReadAsync(sandbox.Systemd), null, TimeSpan.FromSeconds(2));
        plan.Warning.ShouldBeNull();
        var health = new ServiceHealth(sandbox.Systemd, sandbox.Runner, TimeProvider.System);
        (await health.RestartAndVerifyAsync(unit, plan.Check)).Healthy.ShouldBeTrue("the probe fails before any hardening: the test setup is wrong");

        var workflow = new ApplyWorkflow(sandbox.Systemd, new DropInStore(sandbox.Sandbox.RootPath, TimeProvider.System),
            new OperationJournal(sandbox.Sandbox.RootPath, TimeProvider.System), health, TimeProvider.System);
        try
        {
            var outcome = await workflow.ApplyAsync(plan.DropIn, plan.Check, bisect: true);
            outcome.Hardened.ShouldBeTrue(outcome.LastReport.ToString());
            outcome.Dropped.ShouldBeEmpty($"the profile breaks {unit}: {string.Join("; ", outcome.Dropped.Select(d => string.Join(' ', d.Lines.Select(l => l.Line)) + " -> " + d.Report))}");
            var confirm = await health.RestartAndVerifyAsync(unit, plan.Check);
            confirm.Healthy.ShouldBeTrue(confirm.ToString());

            var after = ExposureScorer.Score(await exposure.LoadedAsync(unit));
            var analyze = (await sandbox.ShAsync($"systemd-analyze security {unit} | tail -1")).Trim();
            output.WriteLine($"PROFILE {profileName} {unit}: {before.ExposureText} -> {after.ExposureText} ({analyze}; {plan.DropIn.Directives.Count} lines)");
            after.ExposureTenths.ShouldBeLessThan(before.ExposureTenths);
        }
        finally
        {
            await workflow.RemoveAsync(unit);
        }
    }
}
