using HardenTui.Core.Health;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Health;

public class JournalScanTests
{
    private static string Entry(string message) => $$"""{"_SYSTEMD_UNIT":"init.scope","MESSAGE":"{{message}}"}""";

    [Theory]
    [InlineData("nginx.service: Main process exited, code=killed, status=31/SYS")]
    [InlineData("nginx.service: Control process exited, code=exited, status=203/EXEC")]
    [InlineData("redis-server.service: Main process exited, code=exited, status=226/NAMESPACE")]
    [InlineData("redis-server.service: Failed at step CAPABILITIES spawning /usr/bin/redis-server: Operation not permitted")]
    public void Fatal_sandbox_failures_are_problems(string message)
    {
        JournalScan.Problems(Entry(message)).ShouldBe([message]);
    }

    [Fact]
    public void One_permission_error_is_tolerated_a_burst_is_not()
    {
        JournalScan.Problems(Entry("open() \\\"/x\\\" failed (13: Permission denied)")).ShouldBeEmpty();
        var burst = string.Join('\n', Enumerable.Repeat(Entry("open() failed (13: Permission denied)"), 3));
        JournalScan.Problems(burst).Single().ShouldStartWith("3 permission errors");
    }

    [Fact]
    public void Clean_starts_byte_array_messages_and_garbage_lines()
    {
        var log = string.Join('\n',
            Entry("Started nginx.service - A high performance web server."),
            """{"MESSAGE":[115,116,97,116,117,115,61,51,49,47,83,89,83]}""",
            "not json at all");
        JournalScan.Problems(log).ShouldBe(["status=31/SYS"]);
    }
}
