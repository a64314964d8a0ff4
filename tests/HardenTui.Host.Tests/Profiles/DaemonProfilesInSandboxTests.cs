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
}
