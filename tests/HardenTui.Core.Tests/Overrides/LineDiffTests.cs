using HardenTui.Core.Overrides;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Overrides;

public class LineDiffTests
{
    private const string Cat = """
        # /lib/systemd/system/nginx.service
        [Unit]
        Description=A high performance web server

        [Service]
        Type=forking
        ExecStart=/usr/sbin/nginx

        # /etc/systemd/system/nginx.service.d/override.conf
        [Service]
        Nice=5
        """;

    [Fact]
    public void Equal_texts_have_no_diff()
    {
        LineDiff.Unified("a\nb\n", "a\nb\n", "x", "y").ShouldBe("");
    }

    [Fact]
    public void A_changed_line_is_one_hunk_with_context()
    {
        var diff = LineDiff.Unified("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", "a", "b");
        diff.ShouldBe("--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    }

    [Fact]
    public void Far_apart_changes_make_two_hunks()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20)) + "\n";
        var after = before.Replace("2\n", "two\n").Replace("19\n", "nineteen\n");
        LineDiff.Unified(before, after, "a", "b").Split('\n').Count(l => l.StartsWith("@@")).ShouldBe(2);
    }

    [Fact]
    public void Our_drop_in_goes_before_the_users_override_as_systemctl_cat_orders_it()
    {
        var path = "/etc/systemd/system/nginx.service.d/90-hardentui.conf";
        var with = EffectiveUnitText.WithDropIn(Cat, path, "[Service]\nProtectSystem=full\n");
        with.IndexOf(path, StringComparison.Ordinal).ShouldBeLessThan(with.IndexOf("override.conf", StringComparison.Ordinal));
        EffectiveUnitText.WithDropIn(with, path, null).ShouldBe(EffectiveUnitText.WithDropIn(Cat, path, null));
        EffectiveUnitText.Diff(Cat, path, "[Service]\nProtectSystem=full\n")
            .ShouldMatchApproved(c => c.SubFolder("approved").WithFileExtension("txt"));
    }
}
