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
        var before = await UserOverrideAsync();
        const string userText = "[Service]\nNice=1\nProtectSystem=false\nRestrictAddressFamilies=\n";
        try
        {
            await sandbox.ShAsync($"mkdir -p {Path.GetDirectoryName(UserOverride)} && printf '{userText.Replace("\n", "\\n")}' > {UserOverride}" +
                $" && printf '[Service]\\nProtectSystem=strict\\nReadWritePaths=/var/log/nginx /var/lib/nginx /run\\nRestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\\nProtectHome=yes\\n' > /tmp/later.conf" +
                $" && systemctl daemon-reload && systemctl restart {Unit}");

            // analyze --with-dropin is the same preview, before anything is written.
            var analyze = await CliAsync("analyze", Unit, "--with-dropin", "/tmp/later.conf");
            analyze.ExitCode.ShouldBe(0, analyze.Stderr);
            analyze.Stderr.ShouldContain($"hardentui: warning: ProtectSystem=strict is overridden by {UserOverride}:3 (ProtectSystem=false)");
            var previewed = Overall().Match(analyze.Stdout);
            previewed.Success.ShouldBeTrue(analyze.Stdout);

            var apply = await CliAsync("apply", Unit, "--dropin", "/tmp/later.conf", "--yes", "--settle-seconds", "2", "--probe", "curl -sf http://127.0.0.1/ >/dev/null");
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
            (await UserOverrideAsync()).ShouldBe(userText);

            var promised = Promised().Match(apply.Stderr);
            promised.Success.ShouldBeTrue(apply.Stderr);
            var real = Overall().Match(await sandbox.ShAsync($"systemd-analyze security --no-pager {Unit}"));
            real.Success.ShouldBeTrue();
            output.WriteLine($"exposure {promised.Groups[1].Value} before, {promised.Groups[2].Value} promised, {real.Groups[1].Value} by systemd-analyze security");
            real.Groups[1].Value.ShouldBe(promised.Groups[2].Value);
            previewed.Groups[1].Value.ShouldBe(promised.Groups[2].Value);
            // ProtectHome=yes did take effect: the promise is not just "unchanged".
            double.Parse(promised.Groups[2].Value, CultureInfo.InvariantCulture).ShouldBeLessThan(double.Parse(promised.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            await sandbox.ShAsync($"rm -f /{DropInPaths.PersistentFile(Unit)} /tmp/later.conf; {Restore(before)}; systemctl daemon-reload; systemctl restart {Unit}");
        }
    }

    /// <summary>
    /// The ordering rules as real systemd applies them, without a restart (a daemon-reload loads the settings): a
    /// /run drop-in sorting later beats ours in /etc, /etc's override.conf hides /run's, ours hides a /run file of our
    /// name, a /lib one sorting later resets a list, a later value extends one. What `LaterDropIns` predicts from
    /// `systemctl cat`'s files must be what `systemctl show` reports.
    /// </summary>
    [Fact]
    public async Task What_LaterDropIns_predicts_from_systemctl_cat_is_what_systemd_loads()
    {
        var before = await UserOverrideAsync();
        var ours = "/" + DropInPaths.PersistentFile(Unit);
        const string ourText = "[Service]\nProtectSystem=strict\nReadWritePaths=/var/log/nginx\nPrivateTmp=yes\nProtectHome=yes\nRestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\n";
        string[] theirs =
        [
            "/run/systemd/system/nginx.service.d/95-runtime.conf", "/run/systemd/system/nginx.service.d/override.conf",
            "/run/systemd/system/nginx.service.d/90-hardentui.conf", "/lib/systemd/system/nginx.service.d/99-vendor.conf",
        ];
        try
        {
            await sandbox.ShAsync("mkdir -p /run/systemd/system/nginx.service.d /lib/systemd/system/nginx.service.d /etc/systemd/system/nginx.service.d" +
                $" && printf '{ourText}' > {ours}" +
                $" && printf '[Service]\nPrivateTmp=no\n' > {theirs[0]}" +
                $" && printf '[Service]\nProtectHome=no\n' > {theirs[1]}" +
                $" && printf '[Service]\nProtectSystem=no\n' > {theirs[2]}" +
                $" && printf '[Service]\nRestrictAddressFamilies=\n' > {theirs[3]}" +
                $" && printf '[Service]\nNice=1\nReadWritePaths=/srv\n' > {UserOverride}" +
                " && systemctl daemon-reload");

            var cat = await sandbox.Systemd.CatAsync(Unit);
            var found = LaterDropIns.Find(EffectiveUnitText.Files(cat), ours, await File.ReadAllTextAsync(sandbox.HostPath(ours)));
            output.WriteLine(cat);
            // /lib is /usr/lib on a merged-/usr system; systemd may name the file by either.
            found.Select(o => (o.Directive, o.Kind, o.Path.Replace("/usr/lib/", "/lib/"))).OrderBy(o => o.Directive, StringComparer.Ordinal).ShouldBe(
            [
                ("PrivateTmp", OverrideKind.Replaced, theirs[0]),
                ("ReadWritePaths", OverrideKind.Extended, UserOverride),
                ("RestrictAddressFamilies", OverrideKind.Reset, theirs[3]),
            ]);
            (await sandbox.ShAsync($"systemctl show -p ProtectSystem -p PrivateTmp -p ProtectHome -p ReadWritePaths -p RestrictAddressFamilies {Unit}"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ShouldBe(
                [
                    "PrivateTmp=no", "ProtectHome=yes", "ProtectSystem=strict", "ReadWritePaths=/var/log/nginx /srv", "RestrictAddressFamilies=~",
                ]);
        }
        finally
        {
            await sandbox.ShAsync($"rm -f {ours} {string.Join(' ', theirs)}; {Restore(before)}; systemctl daemon-reload");
        }
    }

    private Task<ProcessResult> CliAsync(params string[] args) =>
        sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [typeof(HardenTui.Cli.CliApp).Assembly.Location, .. args], Timeout: TimeSpan.FromMinutes(4)));

    /// <summary>The override.conf other tests of this sandbox may have left, to put back as it was (null: none).</summary>
    private async Task<string?> UserOverrideAsync() =>
        File.Exists(sandbox.HostPath(UserOverride)) ? await File.ReadAllTextAsync(sandbox.HostPath(UserOverride)) : null;

    private static string Restore(string? before) =>
        before is null ? $"rm -f {UserOverride}" : $"printf '%s' '{before.Replace("'", "'\\''")}' > {UserOverride}";

    [GeneratedRegex(@"exposure of nginx\.service: (\d+\.\d) now, (\d+\.\d) with this drop-in")]
    private static partial Regex Promised();

    [GeneratedRegex(@"Overall exposure level for nginx\.service: (\d+\.\d)")]
    private static partial Regex Overall();
}
