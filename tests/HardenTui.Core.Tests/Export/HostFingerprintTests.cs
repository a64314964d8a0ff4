using HardenTui.Core.Export;
using HardenTui.Core.Overrides;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Export;

public class HostFingerprintTests
{
    [Fact]
    public void Probe_outputs_give_the_fingerprint_and_its_comment_line()
    {
        ExportSamples.Debian12.ShouldBe(new HostFingerprint("252", "6.18.44-fc-v769", "x86_64", "debian", "12"));
        ExportSamples.Debian12.Comment.ShouldBe("# Learned on: systemd=252 kernel=6.18.44-fc-v769 architecture=x86_64 distribution=debian version=12");
    }

    [Fact]
    public void Stamped_drop_in_reads_back_its_fingerprint_stays_ours_and_parses_to_the_same_directives()
    {
        var text = ExportSamples.NginxText;

        HostFingerprint.Read(text).ShouldBe(ExportSamples.Debian12);
        DropIn.IsOurs(text).ShouldBeTrue();
        DropIn.Parse("nginx.service", text).Directives.ShouldBe(DropIn.Parse("nginx.service", ExportSamples.Nginx.Render(ExportSamples.WrittenAt)).Directives);
        text.Split('\n').Count(l => l.StartsWith(HostFingerprint.CommentPrefix)).ShouldBe(1);
        text.IndexOf(HostFingerprint.CommentPrefix).ShouldBeLessThan(text.IndexOf("[Service]"));
    }

    [Fact]
    public void Stamping_again_replaces_the_older_fingerprint()
    {
        var elsewhere = ExportSamples.Debian12 with { Systemd = "255" };

        var text = elsewhere.Stamp(ExportSamples.NginxText);

        HostFingerprint.Read(text).ShouldBe(elsewhere);
        text.Split('\n').Count(l => l.StartsWith(HostFingerprint.CommentPrefix)).ShouldBe(1);
    }

    [Fact]
    public void Differences_name_each_field_that_differs()
    {
        var here = ExportSamples.Debian12 with { Systemd = "255", Architecture = "aarch64", Version = "" };

        ExportSamples.Debian12.Differences(here).ShouldBe(["systemd 252 there, 255 here", "architecture x86_64 there, aarch64 here", "version 12 there, (none) here"]);
        ExportSamples.Debian12.Differences(ExportSamples.Debian12).ShouldBeEmpty();
    }

    [Fact]
    public void A_text_without_a_fingerprint_has_none_and_a_broken_one_is_bad_input()
    {
        HostFingerprint.Read(ExportSamples.Nginx.Render(ExportSamples.WrittenAt)).ShouldBeNull();
        Should.Throw<BadInputException>(() => HostFingerprint.Read("# Learned on: systemd=252 kernel=6.1\n[Service]\n"))
            .Message.ShouldContain("no architecture=");
        Should.Throw<BadInputException>(() => HostFingerprint.FromProbes("bash: systemctl: not found", "6.1", "x86_64", ""));
    }

    [Fact]
    public void Os_release_quotes_are_removed_and_a_missing_id_means_linux()
    {
        var fp = HostFingerprint.FromProbes(ExportSamples.SystemctlVersion, "6.1.0", "aarch64", "NAME='Some OS'\nVERSION_ID='22.04'\n");

        (fp.Distribution, fp.Version).ShouldBe(("linux", "22.04"));
    }
}
