using HardenTui.Cli;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Findings;

public class FindingsCommandTests
{
    private static string Log(string name) => Path.Combine(AppContext.BaseDirectory, "Tracing", "logs", name);

    [Fact]
    public void A_missing_log_is_bad_input() => CliApp.Run(["findings", "--strace-log", "/nonexistent/strace.log"]).ShouldBe(CliApp.ExitBadInput);

    [Fact]
    public void A_file_that_is_not_strace_output_is_bad_input() =>
        CliApp.Run(["findings", "--strace-log", Log("nginx-load.seed-pipeline.txt")]).ShouldBe(CliApp.ExitBadInput);

    [Fact]
    public void A_real_log_is_analysed() => CliApp.Run(["findings", "--strace-log", Log("nginx-start.log"), "--json"]).ShouldBe(CliApp.ExitOk);
}
