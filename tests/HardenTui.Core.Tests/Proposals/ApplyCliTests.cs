using HardenTui.Cli;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Proposals;

/// <summary>Bad input to propose/apply/rollback is exit 2 before anything touches systemd or a file.</summary>
public class ApplyCliTests
{
    [Theory]
    [InlineData("apply", "nginx.service")]
    [InlineData("apply", "nginx.service", "--auto", "--dropin", "x.conf")]
    [InlineData("apply", "nginx.service", "--auto", "--trace-seconds", "0")]
    [InlineData("apply", "../../etc/passwd", "--dropin", "x.conf")]
    [InlineData("propose", "nginx.socket")]
    [InlineData("rollback", "a/b.service")]
    public void Bad_input_is_exit_2(params string[] args)
    {
        CliApp.Run(args).ShouldBe(CliApp.ExitBadInput);
    }
}
