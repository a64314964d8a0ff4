using HardenTui.Core.Tests.Wizard;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tui;

/// <summary>The key bar at its narrowest: screen keys give way from the end, "? help" stays.</summary>
[Collection("terminal.gui")]
public class KeyBarTests
{
    [Fact]
    public void At_80_columns_the_levels_bar_keeps_review_and_help_and_drops_later_keys()
    {
        using var narrow = new TuiHarness(WizardSamples.Levels(80, 24));
        var bar = narrow.Rows[^1];
        bar.ShouldContain(" r review");
        bar.ShouldContain(" ? help");
        bar.ShouldNotContain("save as profile");
        using var wide = new TuiHarness(WizardSamples.Levels(120, 40));
        wide.Rows[^1].ShouldContain("save as profile");
    }
}
