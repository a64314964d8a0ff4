using HardenTui.Core.Findings;
using HardenTui.Tui.AppHost;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tui;

public class FindingsViewsTests
{
    private static HardenTui.Core.Findings.Findings FromLines(params string[] lines)
    {
        var b = new FindingsBuilder();
        foreach (var l in lines) b.Accept(System.Text.Encoding.UTF8.GetBytes(l));
        return b.Snapshot();
    }

    [Fact]
    public void A_path_both_created_and_written_is_listed_once_on_the_trace_screen()
    {
        var f = FromLines(
            "5 openat(AT_FDCWD, \"/run/nginx.pid\", O_RDWR|O_CREAT|O_TRUNC, 0644) = 4",
            "5 mkdir(\"/var/lib/nginx/body\", 0700) = 0");
        f[FindingKind.PathWritten].Select(i => i.Key).ShouldContain("/run/nginx.pid");
        f[FindingKind.PathCreated].Select(i => i.Key).ShouldContain("/run/nginx.pid");
        FindingsViews.From(f, null).Written.Select(i => i.Text).ShouldBe(["/run/nginx.pid", "/var/lib/nginx/body"]);
    }
}
