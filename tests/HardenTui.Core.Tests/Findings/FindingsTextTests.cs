using HardenTui.Core.Findings;
using HardenTui.Core.Syscalls;
using HardenTui.Core.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Findings;

public class FindingsTextTests
{
    private static string Report()
    {
        var groups = SyscallGroups.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Syscalls", "TestData", "syscall-filter-252.txt")));
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Tracing", "logs", "nginx-start.log"));
        var builder = new FindingsBuilder(groups.GroupsOf, exe => exe == "/usr/sbin/nginx" ? "/lib64/ld-linux-x86-64.so.2" : null);
        return FindingsText.Write(StraceLog.Feed(stream, builder).Snapshot());
    }

    [Fact]
    public void Nginx_start_report_matches_the_approved_text() =>
        Report().ShouldMatchApproved(c => c.SubFolder("approved").WithFileExtension("txt"));

    [Fact]
    public void An_empty_trace_says_nothing_was_recorded() =>
        FindingsText.Write(new FindingsBuilder().Snapshot()).ShouldBe("0 lines, 0 calls started, 0 processes, 0 lines skipped\nNothing was recorded.\n");

    [Fact]
    public void Every_syscall_is_listed_and_the_catch_all_group_is_not()
    {
        var report = Report();
        report.ShouldNotContain("more");
        report.ShouldContain(" rt_sigsuspend"); // called once: the rare calls are the ones a filter decides on
        report.ShouldNotContain("@known:");
    }
}
