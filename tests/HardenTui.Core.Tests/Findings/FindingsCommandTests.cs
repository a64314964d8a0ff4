using HardenTui.Cli;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Findings;

[Collection("console")]
public class FindingsCommandTests
{
    private static string Log(string name) => Path.Combine(AppContext.BaseDirectory, "Tracing", "logs", name);

    [Fact]
    public void A_missing_log_is_bad_input() => CliApp.Run(["findings", "--strace-log", "/nonexistent/strace.log"]).ShouldBe(CliApp.ExitBadInput);

    [Fact]
    public void A_file_that_is_not_strace_output_is_bad_input() =>
        CliApp.Run(["findings", "--strace-log", Log("nginx-load.seed-pipeline.txt")]).ShouldBe(CliApp.ExitBadInput);

    [Theory]
    [InlineData(1 << 16)]
    [InlineData(12 << 20)] // read in blocks on every core
    public void Binary_garbage_is_bad_input_even_where_some_lines_look_like_calls(int size)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hardentui-garbage-{Guid.NewGuid():N}.log");
        var bytes = new byte[size];
        new Random(12).NextBytes(bytes);
        // Lines that parse as calls, as random data gives now and then.
        for (var at = 0; at + 100 < size; at += 40_000) "\nab(1) = 0\n"u8.CopyTo(bytes.AsSpan(at));
        File.WriteAllBytes(path, bytes);
        try
        {
            var (exit, stdout, stderr) = CliRun.Run("findings", "--strace-log", path);
            exit.ShouldBe(CliApp.ExitBadInput);
            stdout.ShouldBeEmpty();
            stderr.Trim().ShouldNotContain("\n");
            stderr.ShouldContain("is not an strace log");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_real_log_is_analysed() => CliApp.Run(["findings", "--strace-log", Log("nginx-start.log"), "--json"]).ShouldBe(CliApp.ExitOk);
}
