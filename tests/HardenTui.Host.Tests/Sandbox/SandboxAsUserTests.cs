using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Sandbox;

/// <summary>
/// `hardentui sandbox` as a user (setpriv to nobody): refused in one line, exit 2, before it says it boots — it
/// printed "booting a sandbox ..." and then the refusal, exit 1.
/// </summary>
[Collection("sandbox")]
public class SandboxAsUserTests
{
    private static string Cli => typeof(HardenTui.Cli.CliApp).Assembly.Location;

    [Theory]
    [InlineData("sandbox", "--", "true")]
    [InlineData("sandbox")]
    public async Task A_user_is_told_in_one_line_that_the_sandbox_needs_root(params string[] args)
    {
        var r = await LocalProcessRunner.Instance.RunAsync(new ProcessSpec("setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "dotnet", Cli, .. args], Timeout: TimeSpan.FromMinutes(2)));

        r.ExitCode.ShouldBe(2, r.Stderr + r.Stdout);
        r.Stdout.ShouldBeEmpty();
        r.Stderr.TrimEnd('\n').ShouldNotContain('\n', r.Stderr);
        r.Stderr.ShouldContain("needs root");
        r.Stderr.ShouldContain("nothing was done");
    }
}
