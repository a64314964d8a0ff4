using HardenTui.Core.Overrides;
using HardenTui.Core.Wizard;
using HardenTui.Host.Apply;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Apply;

/// <summary>Apply, verify, bisect and crash recovery against nginx in the real sandbox systemd.</summary>
[Collection("sandbox")]
public class ApplyInSandboxTests(SandboxFixture sandbox)
{
    private const string Nginx = "nginx.service";
    private const string VendorUnit = "/lib/systemd/system/nginx.service";
    private const string UserOverride = "/etc/systemd/system/nginx.service.d/override.conf";
    private static readonly HealthCheck Check = new("curl -sf http://127.0.0.1/ >/dev/null", TimeSpan.FromSeconds(2));

    private ApplyWorkflow Workflow(out DropInStore store)
    {
        store = new DropInStore(sandbox.Sandbox.RootPath, TimeProvider.System);
        var journal = new OperationJournal(sandbox.Sandbox.RootPath, TimeProvider.System);
        return new ApplyWorkflow(sandbox.Systemd, store, journal, new ServiceHealth(sandbox.Systemd, sandbox.Runner, TimeProvider.System), TimeProvider.System);
    }

    private async Task<(string Vendor, string User)> WithUserOverrideAsync()
    {
        await sandbox.ShAsync($"mkdir -p {Path.GetDirectoryName(UserOverride)} && printf '[Service]\\nNice=1\\n' > {UserOverride} && systemctl daemon-reload && systemctl restart {Nginx}");
        return (await File.ReadAllTextAsync(sandbox.HostPath(VendorUnit)), await File.ReadAllTextAsync(sandbox.HostPath(UserOverride)));
    }

    private async Task ShouldBeUntouchedAsync((string Vendor, string User) before)
    {
        (await File.ReadAllTextAsync(sandbox.HostPath(VendorUnit))).ShouldBe(before.Vendor);
        (await File.ReadAllTextAsync(sandbox.HostPath(UserOverride))).ShouldBe(before.User);
    }

    [Fact]
    public async Task A_breaking_directive_is_found_by_bisect_with_real_restarts_and_the_rest_kept()
    {
        var before = await WithUserOverrideAsync();
        var workflow = Workflow(out var store);
        var dropIn = new DropIn(Nginx,
        [
            new("PrivateTmp", "yes", "t"), new("ProtectHome", "yes", "t"), new("ProtectKernelTunables", "yes", "t"),
            // Deliberately breaks nginx (no AF_INET socket) without a seccomp kill: the kernel log is shared by every
            // container here, and a SIGSYS of /usr/sbin/nginx would be a denial in another sandbox's soak of nginx.
            new("RestrictAddressFamilies", "AF_UNIX", "deliberately breaks nginx: no IP sockets"),
            new("LockPersonality", "yes", "t"), new("ProtectControlGroups", "yes", "t"),
        ]);

        var progress = new List<string>();
        var soaks = new List<StepStatus>();
        workflow.Progress += progress.Add;
        workflow.Step = (name, status, _) => { if (name == "soak") soaks.Add(status); };

        var outcome = await workflow.ApplyAsync(dropIn, Check with { Soak = TimeSpan.FromSeconds(8) }, bisect: true);

        outcome.Hardened.ShouldBeTrue(outcome.LastReport.ToString());
        // The whole drop-in is restarted for once (the bisect reuses that answer); it failed before its soak, so the
        // bisect's tries skip the soak and only the set kept is soaked, to the end.
        progress.Count(l => l.StartsWith("  6 directive(s):", StringComparison.Ordinal)).ShouldBe(1, string.Join("\n", progress));
        progress.ShouldContain(l => l.Contains("the next tries skip the 8 s soak", StringComparison.Ordinal));
        soaks.ShouldContain(StepStatus.Running);
        soaks[^1].ShouldBe(StepStatus.Done);
        outcome.Dropped.Single().Lines.Single().Name.ShouldBe("RestrictAddressFamilies");
        outcome.Dropped.Single().Report.Healthy.ShouldBeFalse();
        outcome.Applied!.Directives.Select(d => d.Name).ShouldBe(["PrivateTmp", "ProtectHome", "ProtectKernelTunables", "LockPersonality", "ProtectControlGroups"]);
        DropIn.Parse(Nginx, store.Read(Nginx)!).Directives.ShouldBe(outcome.Applied.Directives);
        (await sandbox.ShAsync("systemctl show -p ProtectHome --value nginx.service")).Trim().ShouldBe("yes");
        await ShouldBeUntouchedAsync(before);

        (await workflow.RemoveAsync(Nginx)).ShouldBeTrue();
        store.Read(Nginx).ShouldBeNull();
        (await sandbox.ShAsync("systemctl is-active nginx.service")).Trim().ShouldBe("active");
        await ShouldBeUntouchedAsync(before);
    }

    [Fact]
    public async Task A_drop_in_that_cannot_work_is_rolled_back_to_byte_identical_files()
    {
        var before = await WithUserOverrideAsync();
        var workflow = Workflow(out var store);
        var dropIn = new DropIn(Nginx, [new("NoExecPaths", "/", "without ExecPaths= the program itself cannot run: 203/EXEC")]);

        var outcome = await workflow.ApplyAsync(dropIn, Check, bisect: true);

        outcome.Hardened.ShouldBeFalse();
        outcome.LastReport.Problems.ShouldContain(p => p.Contains("203/EXEC") || p.Contains("failed"));
        store.Read(Nginx).ShouldBeNull();
        await ShouldBeUntouchedAsync(before);
        (await sandbox.ShAsync("systemctl is-active nginx.service")).Trim().ShouldBe("active");
    }

    [Fact]
    public async Task Kill_9_of_hardentui_mid_apply_is_undone_by_the_next_start()
    {
        var before = await WithUserOverrideAsync();
        var cli = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        await sandbox.ShAsync("printf '[Service]\\nProtectHome=yes\\n' > /tmp/hardening.conf");
        // A long settle period keeps the apply in flight (drop-in written, journal open) while we kill it.
        using var apply = sandbox.Runner.Start(new ProcessSpec("sh", ["-c",
            $"echo $$ > /tmp/apply.pid; exec dotnet {cli} apply {Nginx} --dropin /tmp/hardening.conf --yes --settle-seconds 120"]));
        var dropInPath = sandbox.HostPath("/" + DropInPaths.PersistentFile(Nginx));
        for (var i = 0; i < 600 && !File.Exists(dropInPath); i++) await Task.Delay(100);
        File.Exists(dropInPath).ShouldBeTrue("the apply never wrote its drop-in");
        var pid = (await sandbox.ShAsync("cat /tmp/apply.pid")).Trim();
        await sandbox.ShAsync($"kill -9 {pid}");
        await apply.Exited;
        Directory.GetFiles(sandbox.HostPath("/" + DropInPaths.JournalDirectory)).ShouldNotBeEmpty();

        var next = await sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [cli, "propose", Nginx], Timeout: TimeSpan.FromMinutes(2)));

        next.ExitCode.ShouldBe(0, next.Stderr);
        next.Stderr.ShouldContain("undid an interrupted apply of nginx.service");
        File.Exists(dropInPath).ShouldBeFalse();
        Directory.GetFiles(sandbox.HostPath("/" + DropInPaths.JournalDirectory)).ShouldBeEmpty();
        (await sandbox.ShAsync("systemctl show -p ProtectHome --value nginx.service")).Trim().ShouldBe("no");
        (await sandbox.ShAsync("systemctl is-active nginx.service")).Trim().ShouldBe("active");
        await ShouldBeUntouchedAsync(before);
    }
}
