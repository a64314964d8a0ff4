using HardenTui.Core.Tests.Wizard;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tui;

/// <summary>The key bar at its narrowest: screen keys give way from the end, "? help" stays.</summary>
public class KeyBarTests
{
    [Fact]
    public void At_80_columns_the_levels_bar_keeps_review_and_help_and_drops_later_keys()
    {
        var frame = ScreenApprovalTests.Render(WizardSamples.Levels(80, 24), ScreenApprovalTests.Utf8);
        var bar = frame.PlainRows[^1];
        bar.ShouldContain(" r review");
        bar.ShouldContain(" ? help");
        bar.ShouldNotContain("save as profile");
        var wide = ScreenApprovalTests.Render(WizardSamples.Levels(120, 40), ScreenApprovalTests.Utf8).PlainRows[^1];
        wide.ShouldContain("save as profile");
    }
}
