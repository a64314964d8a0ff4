using HardenTui.Core.Tests.Wizard;
using HardenTui.Core.Wizard;
using Shouldly;
using Terminal.Gui.Views;
using Xunit;

namespace HardenTui.Core.Tests.Tui;

/// <summary>A list longer than its rows gets Terminal.Gui's scroll bar, which follows the model and moves it.</summary>
[Collection("terminal.gui")]
public class ScrollBarTests
{
    private static WizardModel ManyServices(int w, int h)
    {
        var sample = WizardSamples.Picker(w, h);
        var many = Enumerable.Range(0, 60).Select(i => new ServiceRow($"svc{i:00}.service", "a service", "active", 9 - i / 10.0, "OK", false)).ToList();
        return sample with { Picker = sample.Picker with { Services = many } };
    }

    [Fact]
    public void A_long_list_shows_a_scroll_bar_that_follows_the_selection()
    {
        using var tui = new TuiHarness(ManyServices(80, 24));
        var bar = tui.Root.SubViews.OfType<ScrollBar>().Single();
        bar.Visible.ShouldBeTrue();
        bar.ScrollableContentSize.ShouldBe(60);
        bar.Frame.X.ShouldBe(79);
        tui.Rows[3][79].ShouldBe('▲');
        for (var i = 0; i < 30; i++)
            tui.Key("j");
        bar.Value.ShouldBe(tui.Root.Hits.Scroll!.Value.Start);
        bar.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Clicking_the_scroll_bar_moves_the_list()
    {
        using var tui = new TuiHarness(ManyServices(80, 24));
        var bar = tui.Root.SubViews.OfType<ScrollBar>().Single();
        tui.Click(79, bar.Frame.Bottom - 1);
        tui.Model.Picker.Selected.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_list_that_fits_has_none_and_the_ascii_fallback_has_none()
    {
        using (var fits = new TuiHarness(WizardSamples.Picker(80, 24)))
            fits.Root.SubViews.OfType<ScrollBar>().Single().Visible.ShouldBeFalse();
        using var ascii = new TuiHarness(ManyServices(80, 24), TuiHarness.Utf8 with { Unicode = false });
        ascii.Root.SubViews.OfType<ScrollBar>().Single().Visible.ShouldBeFalse();
    }
}
