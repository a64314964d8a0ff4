using HardenTui.Cli;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Export;

/// <summary>`hardentui export` input handling: one line on stderr and exit 2 before systemd is asked.</summary>
[Collection("console")]
public class ExportCommandTests
{
    [Theory]
    [InlineData("--format", "puppet")]
    [InlineData("--format", "dropin", "--findings", "f.json")]
    [InlineData("--proposed")]
    public void Bad_flags_are_one_line_and_exit_2(params string[] flags)
    {
        var (exit, stdout, stderr) = CliRun.Run(["export", "nginx.service", .. flags]);

        exit.ShouldBe(CliApp.ExitBadInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith("hardentui: ");
        stderr.TrimEnd('\n').ShouldNotContain("\n");
    }

    [Theory]
    [InlineData("hardentui: --findings goes with --proposed\n", "--format", "ansible", "--findings", "f.json")]
    [InlineData("hardentui: --format puppet: expected one of dropin, ansible, nixos, yaml\n", "--format", "puppet")]
    public void The_line_says_what_is_wrong(string line, params string[] flags) =>
        CliRun.Run(["export", "nginx.service", .. flags]).Stderr.ShouldBe(line);
}
