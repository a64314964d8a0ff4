using HardenTui.Core.Wizard;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Wizard;

public class KeyTablesTests
{
    public static TheoryData<string> Screens => new() { "picker", "overview", "trace", "levels", "review", "apply" };

    private static WizardModel Sample(string screen) => screen switch
    {
        "picker" => WizardSamples.Picker(80, 24),
        "overview" => WizardSamples.Overview(80, 24),
        "trace" => WizardSamples.Trace(80, 24),
        "levels" => WizardSamples.Levels(80, 24),
        "review" => WizardSamples.Review(80, 24),
        _ => WizardSamples.ApplyFailed(80, 24),
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public void No_key_is_bound_twice_in_one_layer(string screen)
    {
        foreach (var layer in KeyTables.Layers(Sample(screen)))
            layer.Bindings.SelectMany(b => b.Keys).GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty(layer.Name);
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public void Every_screen_has_help_and_quit(string screen)
    {
        var keys = KeyTables.Layers(Sample(screen)).SelectMany(l => l.Bindings).SelectMany(b => b.Keys).ToList();
        keys.ShouldContain("?");
        keys.ShouldContain("q");
    }

    [Fact]
    public void A_dialog_takes_every_key_first()
    {
        var m = WizardSamples.Levels(80, 24) with { Modal = new Modal.ConfirmQuit("x") };
        KeyTables.Layers(m).Single().ShouldBe(KeyTables.ConfirmQuit);
    }

    [Fact]
    public void While_filtering_letters_are_text_not_commands()
    {
        var m = WizardSamples.Picker(80, 24) with { Picker = WizardSamples.Picker(80, 24).Picker with { Filtering = true } };
        KeyDispatch.Resolve(m, new KeyPress("q")).Msg.ShouldBe(new Msg.Type('q'));
    }
}
