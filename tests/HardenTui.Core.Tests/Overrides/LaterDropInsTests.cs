using HardenTui.Core.Exposure;
using HardenTui.Core.Overrides;
using HardenTui.Core.Syscalls;
using HardenTui.Core.Units;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Overrides;

/// <summary>
/// Which of our drop-in's lines a drop-in systemd reads later overrides: file-name order across /etc, /run and
/// /usr/lib, same-named files hidden by the directory of higher precedence, list resets against additions.
/// </summary>
public class LaterDropInsTests
{
    private const string Vendor = "/lib/systemd/system/nginx.service";
    private const string Ours = "/etc/systemd/system/nginx.service.d/90-hardentui.conf";
    private const string UserOverride = "/etc/systemd/system/nginx.service.d/override.conf";
    private const string OurText = "# Written by HardenTui for nginx.service\n[Service]\n# reason\nProtectSystem=strict\nReadWritePaths=/var/log/nginx\nPrivateTmp=yes\n";

    private static (string, string) File(string path, string text) => (path, text);
    private static readonly (string, string) VendorFile = File(Vendor, "[Service]\nExecStart=/usr/sbin/nginx\nProtectSystem=full\n");

    [Fact]
    public void A_later_single_value_overrides_ours_naming_the_file_and_line()
    {
        var found = LaterDropIns.Find([VendorFile, File(UserOverride, "[Service]\nNice=1\nProtectSystem=false\n")], Ours, OurText);

        var o = found.ShouldHaveSingleItem();
        (o.Directive, o.Value, o.Kind, o.Path, o.Line, o.By).ShouldBe(("ProtectSystem", "strict", OverrideKind.Replaced, UserOverride, 3, "ProtectSystem=false"));
        o.OursInForce.ShouldBeFalse();
        o.Text.ShouldBe("ProtectSystem=strict is overridden by /etc/systemd/system/nginx.service.d/override.conf:3 (ProtectSystem=false)");
    }

    [Fact]
    public void Files_sorting_before_ours_and_the_unit_file_override_nothing_whatever_their_directory()
    {
        LaterDropIns.Find(
        [
            VendorFile,
            File("/usr/lib/systemd/system/nginx.service.d/10-vendor.conf", "[Service]\nProtectSystem=no\n"),
            File("/run/systemd/system/nginx.service.d/50-runtime.conf", "[Service]\nPrivateTmp=no\nReadWritePaths=\n"),
            File("/etc/systemd/system/service.d/00-all.conf", "[Service]\nProtectSystem=no\n"),
        ], Ours, OurText).ShouldBeEmpty();
    }

    [Fact]
    public void Order_is_by_file_name_across_directories_so_a_later_name_in_usr_lib_or_run_still_wins()
    {
        var found = LaterDropIns.Find(
        [
            VendorFile,
            File("/usr/lib/systemd/system/nginx.service.d/95-vendor.conf", "[Service]\nPrivateTmp=no\n"),
            File("/run/systemd/system/nginx.service.d/99-runtime.conf", "[Service]\n\nProtectSystem=full\n"),
            File("/etc/systemd/system/service.d/91-all.conf", "[Service]\nPrivateTmp=yes\n"),
        ], Ours, OurText);

        found.Select(o => (o.Directive, o.Path, o.Line)).ShouldBe(
        [
            ("ProtectSystem", "/run/systemd/system/nginx.service.d/99-runtime.conf", 3),
            // 91-all.conf says yes, but 95-vendor.conf comes after it: the last one decides.
            ("PrivateTmp", "/usr/lib/systemd/system/nginx.service.d/95-vendor.conf", 2),
        ]);
    }

    [Fact]
    public void A_later_assignment_of_our_own_value_is_no_override()
    {
        LaterDropIns.Find([VendorFile, File(UserOverride, "[Service]\nProtectSystem=no\nProtectSystem=strict\n")], Ours, OurText).ShouldBeEmpty();
    }

    [Fact]
    public void A_list_is_reset_by_a_later_empty_assignment_and_extended_by_a_later_value()
    {
        var reset = LaterDropIns.Find([VendorFile, File(UserOverride, "[Service]\nReadWritePaths=/srv\nReadWritePaths=\nReadWritePaths=/tmp\n")], Ours, OurText);
        var r = reset.ShouldHaveSingleItem();
        (r.Kind, r.Line, r.By, r.OursInForce).ShouldBe((OverrideKind.Reset, 3, "ReadWritePaths=", false));
        r.Text.ShouldBe($"ReadWritePaths=/var/log/nginx is reset by {UserOverride}:3 (ReadWritePaths=)");

        var added = LaterDropIns.Find([VendorFile, File(UserOverride, "[Service]\nReadWritePaths=/srv\nReadWritePaths=/tmp\n")], Ours, OurText);
        var a = added.ShouldHaveSingleItem();
        (a.Kind, a.Line, a.By, a.OursInForce).ShouldBe((OverrideKind.Extended, 2, "ReadWritePaths=/srv", true));
        a.Text.ShouldBe($"ReadWritePaths=/var/log/nginx is extended by {UserOverride}:2 (ReadWritePaths=/srv)");
    }

    [Fact]
    public void Whether_a_setting_is_a_list_comes_from_the_catalog()
    {
        const string ours = "[Service]\nSystemCallFilter=@system-service\nRestrictNamespaces=yes\nProtectHome=yes\n";
        var found = LaterDropIns.Find([VendorFile, File(UserOverride, "[Service]\nSystemCallFilter=@mount\nRestrictNamespaces=no\nProtectHome=read-only\n")], Ours, ours);

        found.Select(o => (o.Directive, o.Kind)).ShouldBe(
        [
            ("SystemCallFilter", OverrideKind.Extended),
            // A boolean replaces a namespace list outright (config_parse_restrict_namespaces).
            ("RestrictNamespaces", OverrideKind.Replaced),
            ("ProtectHome", OverrideKind.Replaced),
        ]);
    }

    [Fact]
    public void A_same_named_file_in_run_or_usr_lib_is_hidden_by_ours_in_etc()
    {
        // Ours in /etc hides a runtime or vendor 90-hardentui.conf: their lines are not read after ours.
        LaterDropIns.Find(
        [
            VendorFile,
            File("/run/systemd/system/nginx.service.d/90-hardentui.conf", "[Service]\nProtectSystem=no\n"),
            File("/usr/lib/systemd/system/nginx.service.d/90-hardentui.conf", "[Service]\nPrivateTmp=no\n"),
        ], Ours, OurText).ShouldBeEmpty();

        // And /etc's override.conf hides /run's and /usr/lib's: only its own lines count.
        var found = LaterDropIns.Find(
        [
            VendorFile,
            File("/run/systemd/system/nginx.service.d/override.conf", "[Service]\nProtectSystem=no\n"),
            File(UserOverride, "[Service]\nPrivateTmp=no\n"),
            File("/usr/lib/systemd/system/nginx.service.d/override.conf", "[Service]\nReadWritePaths=\n"),
        ], Ours, OurText);
        found.ShouldHaveSingleItem().Path.ShouldBe(UserOverride);
    }

    [Fact]
    public void A_runtime_drop_in_sorting_later_wins_over_etc_and_one_of_our_name_in_a_control_directory_hides_ours()
    {
        var runtime = LaterDropIns.Find([VendorFile, File("/run/systemd/system/nginx.service.d/zz-runtime.conf", "[Service]\nProtectSystem=full\n")], Ours, OurText);
        runtime.ShouldHaveSingleItem().Path.ShouldBe("/run/systemd/system/nginx.service.d/zz-runtime.conf");

        var masked = LaterDropIns.Find([VendorFile, File("/etc/systemd/system.control/nginx.service.d/90-hardentui.conf", "[Service]\nCPUWeight=10\n")], Ours, OurText);
        masked.Count.ShouldBe(3);
        masked.ShouldAllBe(o => o.Kind == OverrideKind.Masked && !o.OursInForce);
        masked[0].Text.ShouldBe("ProtectSystem=strict has no effect: /etc/systemd/system.control/nginx.service.d/90-hardentui.conf hides our file");
    }

    [Fact]
    public void Our_file_already_in_the_list_is_replaced_by_the_text_given()
    {
        var found = LaterDropIns.Find(
            [VendorFile, File(Ours, "[Service]\nProtectHome=yes\n"), File(UserOverride, "[Service]\nProtectHome=no\nProtectSystem=no\n")], Ours, OurText);

        found.ShouldHaveSingleItem().Directive.ShouldBe("ProtectSystem");
    }

    [Fact]
    public void Lines_systemd_would_skip_in_an_admins_file_are_skipped_not_refused()
    {
        var found = LaterDropIns.Find([VendorFile, File(UserOverride, "Nice=1\n[Service]\nthis is no assignment\nProtectSystem=no\n[Install\n")], Ours, OurText);

        found.ShouldHaveSingleItem().Line.ShouldBe(4);
    }

    [Fact]
    public void The_preview_does_not_count_what_a_later_file_overrides()
    {
        var cat = $"# {Vendor}\n[Service]\nExecStart=/usr/sbin/nginx\n\n# {UserOverride}\n[Service]\nProtectSystem=no\nReadWritePaths=\n";
        var props = UnitPropertiesJson.Read("nginx.service",
            System.Text.Json.JsonDocument.Parse("""{"Id":"nginx.service","LoadState":"loaded","ProtectSystem":"no"}""").RootElement);
        var groups = SyscallGroups.Recorded(252);
        var withText = SecurityInfo.FromProperties(props, groups, cat);
        var withoutText = SecurityInfo.FromProperties(props, groups);
        var now = ExposureScorer.Score(withText).ExposureTenths;

        ExposureScorer.Preview(withText, "[Service]\nProtectSystem=strict\n").ExposureTenths.ShouldBe(now);
        ExposureScorer.Preview(withoutText, "[Service]\nProtectSystem=strict\n").ExposureTenths.ShouldBeLessThan(now);
        ExposureScorer.Preview(withText, "[Service]\nProtectSystem=strict\nPrivateTmp=yes\n").ExposureTenths
            .ShouldBe(ExposureScorer.Preview(withoutText, "[Service]\nPrivateTmp=yes\n").ExposureTenths);
    }
}
