using System.Globalization;
using System.Text.RegularExpressions;
using HardenTui.Core.Overrides;
using HardenTui.Host.Process;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace HardenTui.Host.Tests.Apply;

/// <summary>
/// The admin's `systemctl edit` override.conf sorts after our 90-hardentui.conf, so real systemd gives its values the
/// last word: `apply` must say which of our lines it overrides or resets, and the exposure it promises before writing
/// must be the one systemd-analyze security reports afterwards.
/// </summary>
[Collection("sandbox")]
public partial class LaterDropInInSandboxTests(SandboxFixture sandbox, ITestOutputHelper output)
{
    private const string Unit = "nginx.service";
    private const string UserOverride = "/etc/systemd/system/nginx.service.d/override.conf";

    [Fact]
    public async Task Apply_names_what_the_admins_override_conf_overrides_and_promises_the_exposure_systemd_then_reports()
    {
        var overridePath = sandbox.HostPath(UserOverride);
        var before = File.Exists(overridePath) ? await File.ReadAllTextAsync(overridePath) : null;
        const string userText = "[Service]\nNice=1\nProtectSystem=false\nRestrictAddressFamilies=\n";
        try
        {
            await sandbox.ShAsync($"mkdir -p {Path.GetDirectoryName(UserOverride)} && printf '{userText.Replace("\n", "\\n")}' > {UserOverride}" +
                $" && printf '[Service]\\nProtectSystem=strict\\nReadWritePaths=/var/log/nginx /var/lib/nginx /run\\nRestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\\nProtectHome=yes\\n' > /tmp/later.conf" +
                $" && systemctl daemon-reload && systemctl restart {Unit}");

            var apply = await sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [typeof(HardenTui.Cli.CliApp).Assembly.Location,
                "apply", Unit, "--dropin", "/tmp/later.conf", "--yes", "--settle-seconds", "2", "--probe", "curl -sf http://127.0.0.1/ >/dev/null"],
                Timeout: TimeSpan.FromMinutes(4)));
            output.WriteLine(apply.Stderr);

            apply.ExitCode.ShouldBe(0, apply.Stderr);
            apply.Stderr.ShouldContain($"hardentui: warning: ProtectSystem=strict is overridden by {UserOverride}:3 (ProtectSystem=false)");
            apply.Stderr.ShouldContain($"hardentui: warning: RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 is reset by {UserOverride}:4 (RestrictAddressFamilies=)");
            apply.Stderr.ShouldNotContain("ProtectHome=yes is");

            // What real systemd made of it: the override's values, and ours where nothing later touches them ("~" with
            // nothing after it is the empty deny-list RestrictAddressFamilies= resets to: every family allowed).
            (await sandbox.ShAsync($"systemctl show -p ProtectSystem -p RestrictAddressFamilies -p ProtectHome {Unit}"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)
                .ShouldBe(["ProtectHome=yes", "ProtectSystem=no", "RestrictAddressFamilies=~"]);
            (await File.ReadAllTextAsync(overridePath)).ShouldBe(userText);

            var promised = Promised().Match(apply.Stderr);
            promised.Success.ShouldBeTrue(apply.Stderr);
            var real = Overall().Match(await sandbox.ShAsync($"systemd-analyze security --no-pager {Unit}"));
            real.Success.ShouldBeTrue();
            output.WriteLine($"exposure {promised.Groups[1].Value} before, {promised.Groups[2].Value} promised, {real.Groups[1].Value} by systemd-analyze security");
            real.Groups[1].Value.ShouldBe(promised.Groups[2].Value);
            // ProtectHome=yes did take effect: the promise is not just "unchanged".
            double.Parse(promised.Groups[2].Value, CultureInfo.InvariantCulture).ShouldBeLessThan(double.Parse(promised.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            var restore = before is null ? $"rm -f {UserOverride}" : $"printf '%s' '{before.Replace("'", "'\\''")}' > {UserOverride}";
            await sandbox.ShAsync($"rm -f /{DropInPaths.PersistentFile(Unit)} /tmp/later.conf; {restore}; systemctl daemon-reload; systemctl restart {Unit}");
        }
    }

    [GeneratedRegex(@"exposure of nginx\.service: (\d+\.\d) now, (\d+\.\d) with this drop-in")]
    private static partial Regex Promised();

    [GeneratedRegex(@"Overall exposure level for nginx\.service: (\d+\.\d)")]
    private static partial Regex Overall();
}
