using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Shell;

/// <summary>Bad input to `hardentui shell` is refused before anything runs: one line on stderr, exit 2.</summary>
[Collection("console")]
public class ShellCommandTests
{
    [Theory]
    [InlineData("invalid unit name 'bad/x.service'", "shell", "bad/x")]
    [InlineData("HardenTui hardens services", "shell", "nginx.socket")]
    [InlineData("at most one of --proposed, --with-dropin FILE, --profile", "shell", "nginx", "--proposed", "--with-dropin", "/x.conf")]
    [InlineData("--findings goes with --proposed", "shell", "nginx", "--findings", "/x.json")]
    [InlineData("drop-in /nonexistent/x.conf: no such file", "shell", "nginx", "--with-dropin", "/nonexistent/x.conf")]
    public void Is_one_line_and_exit_2(string message, params string[] args)
    {
        var (exit, stdout, stderr) = CliRun.Run(args);
        exit.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(message);
        stderr.TrimEnd().Split('\n').Length.ShouldBe(1);
    }
}
