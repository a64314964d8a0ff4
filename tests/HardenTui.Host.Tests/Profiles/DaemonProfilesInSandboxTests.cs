using HardenTui.Host.Apply;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using HardenTui.Host.Profiles;
using HardenTui.Host.Systemd;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace HardenTui.Host.Tests.Profiles;

/// <summary>A second sandbox with the other daemons that have profiles, installed before boot (no port clashes).</summary>
public sealed class DaemonSandboxFixture() : BootedSandbox(Packages)
{
    public static readonly string[] Packages =
        ["apache2", "postfix", "bind9", "dnsutils", "cron", "rsyslog", "squid", "vsftpd", "curl"];

    /// <summary>Squid waits 30 s for clients on every stop (shutdown_lifetime); the tests restart it five times.</summary>
    protected override Task PrepareAsync() =>
        ShAsync("echo 'shutdown_lifetime 1 seconds' > /etc/squid/conf.d/hardentui-tests.conf && systemctl restart squid.service");
}

[CollectionDefinition("daemon-sandbox")]
public sealed class DaemonSandboxCollection : ICollectionFixture<DaemonSandboxFixture>;

[Collection("daemon-sandbox")]
public class DaemonProfilesInSandboxTests(DaemonSandboxFixture sandbox, ITestOutputHelper output)
{
    [Theory]
    [InlineData("apache2", "apache2.service")]
    [InlineData("postfix", "postfix@-.service")]
    [InlineData("named", "named.service")]
    [InlineData("cron", "cron.service")]
    [InlineData("rsyslog", "rsyslog.service")]
    [InlineData("squid", "squid.service")]
    [InlineData("vsftpd", "vsftpd.service")]
    public Task Profile_hardens_the_service_and_its_probe_still_passes(string profile, string unit) =>
        ProfileProof.RunAsync(sandbox, profile, unit, output);

    /// <summary>
    /// A user's cron job runs inside cron's sandbox. Seen in the field: with the cron profile's former
    /// ProtectProc=invisible, alice's job `ps -e` counted 5 processes instead of 19 — every other user's process
    /// hidden, so a job that checks whether another user's daemon runs gets it wrong. The profile promises only what
    /// no ordinary job needs: a job must still see root's processes (cron itself runs as root).
    /// </summary>
    [Fact]
    public async Task A_users_cron_job_under_the_cron_profile_still_sees_other_users_processes()
    {
        const string unit = "cron.service", seen = "/home/hardentui-job/seen";
        var library = ProfileLibrary.Shipped().ShouldNotBeNull("profiles/ not found above the test binaries");
        var plan = ProfilePlan.For(library.Named("cron"), unit, await ManagerFacts.ReadAsync(sandbox.Systemd), null, TimeSpan.FromSeconds(2));
        var health = new ServiceHealth(sandbox.Systemd, sandbox.Runner, TimeProvider.System);
        var workflow = new ApplyWorkflow(sandbox.Systemd, new DropInStore(sandbox.Sandbox.RootPath, TimeProvider.System),
            new OperationJournal(sandbox.Sandbox.RootPath, TimeProvider.System), health, TimeProvider.System);
        await sandbox.ShAsync("id hardentui-job >/dev/null 2>&1 || useradd -m hardentui-job");
        try
        {
            (await workflow.ApplyAsync(plan.DropIn, plan.Check, bisect: false)).Hardened.ShouldBeTrue();
            // Installed after the hardened restart, so only the hardened daemon can run it (cron rereads crontabs each minute).
            await sandbox.ShAsync($"rm -f {seen}; echo '* * * * * ps -eo user= | sort -u > {seen}.tmp && mv {seen}.tmp {seen}' | crontab -u hardentui-job -");
            var file = sandbox.HostPath(seen);
            for (var i = 0; i < 600 && !File.Exists(file); i++) await Task.Delay(500); // a job runs on the minute
            File.Exists(file).ShouldBeTrue("the job never ran");
            var users = (await File.ReadAllTextAsync(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            output.WriteLine("the job saw processes of: " + string.Join(' ', users));
            users.ShouldContain("root");
        }
        finally
        {
            await sandbox.Runner.RunAsync(ProcessSpec.Of("crontab", "-r", "-u", "hardentui-job"));
            await workflow.RemoveAsync(unit);
        }
    }
}
