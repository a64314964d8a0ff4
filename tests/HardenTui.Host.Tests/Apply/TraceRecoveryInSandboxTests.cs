using System.Text.RegularExpressions;
using HardenTui.Core.Overrides;
using HardenTui.Host.Overrides;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Apply;

/// <summary>
/// A trace killed while the unit runs under its runtime drop-in (/run/systemd/system/UNIT.d/): the next start's
/// Recovery removes the drop-in and restarts the unit with its own configuration. The container's /run is its own
/// tmpfs, so the drop-in is written and recovered inside it (by a fresh `hardentui` there), as in real use.
/// </summary>
[Collection("sandbox")]
public class TraceRecoveryInSandboxTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task A_killed_trace_leaves_no_runtime_drop_in_and_the_unit_runs_as_before()
    {
        const string unit = "nginx.service";
        var journal = new OperationJournal(sandbox.Sandbox.RootPath, TimeProvider.System);
        var operation = journal.Begin("trace", unit, unitWasActive: true);
        operation.TrackRuntimeDropIn("50-hardentui-trace.conf");
        var runtime = "/" + DropInPaths.RuntimeFile(unit, "50-hardentui-trace.conf");
        await sandbox.ShAsync($"mkdir -p {Path.GetDirectoryName(runtime)} && printf '[Service]\\nEnvironment=HARDENTUI_TRACING=1\\nProtectHome=yes\\n' > {runtime}");
        await sandbox.ShAsync($"systemctl daemon-reload && systemctl restart {unit}");
        (await sandbox.ShAsync($"systemctl show -p ProtectHome --value {unit}")).Trim().ShouldBe("yes");

        // The tracing process dies: its record now belongs to a pid that exists nowhere (above any pid in use).
        foreach (var file in Directory.GetFiles(journal.Directory))
            await File.WriteAllTextAsync(file, Regex.Replace(await File.ReadAllTextAsync(file), "\"OwnerPid\": \\d+", "\"OwnerPid\": 4194301"));

        var next = await sandbox.Runner.RunAsync(new HardenTui.Host.Process.ProcessSpec("dotnet",
            [typeof(HardenTui.Cli.CliApp).Assembly.Location, "propose", unit], Timeout: TimeSpan.FromMinutes(2)));

        next.Stderr.ShouldContain($"undid an interrupted trace of {unit}");
        (await sandbox.ShAsync($"test -e {runtime} && echo present || echo gone")).Trim().ShouldBe("gone");
        (await sandbox.ShAsync($"systemctl show -p ProtectHome --value {unit}")).Trim().ShouldBe("no");
        (await sandbox.ShAsync($"systemctl show -p Environment --value {unit}")).ShouldNotContain("HARDENTUI_TRACING");
        (await sandbox.ShAsync($"systemctl is-active {unit}")).Trim().ShouldBe("active");
        journal.Pending().ShouldBeEmpty();
    }
}
