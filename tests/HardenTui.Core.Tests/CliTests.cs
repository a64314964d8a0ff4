using HardenTui.Cli;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests;

public class CliTests
{
    [Fact]
    public void Unknown_flag_is_bad_input()
    {
        CliApp.Run(["--definitely-not-a-flag"]).ShouldBe(CliApp.ExitBadInput);
    }
}
