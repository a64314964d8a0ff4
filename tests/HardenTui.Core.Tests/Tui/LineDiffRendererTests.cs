using HardenTui.Core.Tests.Wizard;
using HardenTui.Core.Wizard;
using HardenTui.Tui.Terminal;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tui;

public class LineDiffRendererTests
{
    private static readonly TerminalTraits Utf8 = ScreenApprovalTests.Utf8;

    [Fact]
    public void Applying_the_written_bytes_to_a_grid_gives_the_frame_after_every_key()
    {
        var m = WizardSamples.Levels(80, 24);
        var renderer = new LineDiffRenderer();
        var grid = new FakeGrid(80, 24);
        foreach (var key in new[] { "", "j", "space", "tab", "j", "j", "?", "esc", "r", "k", "esc", "enter", "x", "y", "esc" })
        {
            if (key.Length > 0)
                m = WizardUpdate.Update(m, new Msg.Key(new KeyPress(key))).Model;
            var frame = ScreenApprovalTests.Render(m, Utf8);
            grid.Apply(renderer.Diff(frame));
            grid.Rows.ShouldBe(frame.PlainRows, $"after {key}");
        }
    }

    [Fact]
    public void Only_changed_rows_are_written_and_a_resize_repaints_all()
    {
        var renderer = new LineDiffRenderer();
        var m = WizardSamples.Picker(120, 40);
        var first = renderer.Diff(ScreenApprovalTests.Render(m, Utf8));
        var moved = renderer.Diff(ScreenApprovalTests.Render(WizardUpdate.Update(m, new Msg.Key(new KeyPress("j"))).Model, Utf8));
        moved.Split(";1H").Length.ShouldBe(3, "two rows change: the old and the new highlighted row");
        renderer.Diff(ScreenApprovalTests.Render(WizardUpdate.Update(m, new Msg.Key(new KeyPress("j"))).Model, Utf8)).ShouldBe("");
        renderer.Invalidate();
        var repaint = renderer.Diff(ScreenApprovalTests.Render(m, Utf8));
        repaint.Split(";1H").Length.ShouldBe(41);
        first.ShouldStartWith("\u001b[0m\u001b[H\u001b[2J");
    }
}
