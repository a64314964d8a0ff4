using HardenTui.Core.Tests.Wizard;
using HardenTui.Core.Wizard;
using HardenTui.Tui.Terminal;
using HardenTui.Tui.Views;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tui;

/// <summary>Every screen rendered to text at 80×24 and 120×40, compared with the approved snapshot.</summary>
public class ScreenApprovalTests
{
    internal static readonly TerminalTraits Utf8 = new(Color: true, Unicode: true, Dumb: false);

    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var screen in new[] { "picker", "overview", "trace", "levels", "review", "apply", "help", "quit", "edit", "effective", "culprit", "read-only", "profile" })
            foreach (var (w, h) in new[] { (80, 24), (120, 40) })
                data.Add(screen, w, h);
        return data;
    }

    internal static WizardModel Sample(string screen, int w, int h) => screen switch
    {
        "picker" => WizardSamples.Picker(w, h),
        "overview" => WizardSamples.Overview(w, h),
        "trace" => WizardSamples.Trace(w, h),
        "levels" => WizardSamples.Levels(w, h),
        "review" => WizardSamples.Review(w, h),
        "apply" => WizardSamples.ApplyFailed(w, h),
        "help" => WizardSamples.Levels(w, h) with { Modal = new Modal.Help() },
        "quit" => WizardSamples.Levels(w, h) with { Modal = new Modal.ConfirmQuit("6 chosen directives are not applied.") },
        "edit" => WizardSamples.Levels(w, h) with { Modal = new Modal.EditValue("SystemCallFilter", "@system-service @network-io") },
        "culprit" => WizardSamples.ApplyFailed(w, h) with
        {
            Apply = WizardSamples.ApplyFailed(w, h).Apply with { Bisecting = false, BisectTried = 5, BisectTotal = 5, Culprit = "NoExecPaths=/" },
            Status = "culprit: NoExecPaths=/ (switched off)",
        },
        "read-only" => WizardSamples.Overview(w, h) with { IsRoot = false },
        "profile" => WizardUpdate.Update(WizardSamples.Levels(w, h), new Msg.ProfileFound(new ProfileSeed("nginx",
            [new("MemoryDenyWriteExecute", "yes", "no W+X mapping was seen"), new("PrivateTmp", "yes", "no shared /tmp file was used")],
            "curl -fsS http://127.0.0.1/"), "started from profile nginx: nginx web server")).Model,
        _ => WizardSamples.Overview(w, h) with { Modal = new Modal.EffectiveUnit(0) },
    };

    internal static Frame Render(WizardModel m, TerminalTraits traits) =>
        Frame.Render(WizardView.Render(m, Glyphs.For(traits.Unicode)), m.Width, m.Height, traits);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Screen_matches_the_approved_text(string screen, int w, int h)
    {
        var frame = Render(Sample(screen, w, h), Utf8);
        frame.PlainRows.Count.ShouldBe(h);
        frame.PlainRows.ShouldAllBe(r => Cells.Width(r) == w);
        frame.Text.ShouldMatchApproved(c => c.SubFolder("approved").WithFileExtension("txt").WithDiscriminator($"{screen}-{w}x{h}"));
    }

    [Fact]
    public void Ascii_fallback_draws_no_character_outside_ascii()
    {
        foreach (var screen in new[] { "picker", "overview", "trace", "levels", "review", "apply", "quit" })
        {
            var frame = Render(Sample(screen, 80, 24), Utf8 with { Unicode = false });
            frame.Text.Where(ch => ch > 127).ShouldBeEmpty(screen);
        }
    }

    [Fact]
    public void No_color_keeps_emphasis_but_writes_no_colour()
    {
        var frame = Render(Sample("levels", 80, 24), Utf8 with { Color = false });
        var rows = string.Concat(frame.Rows);
        rows.ShouldNotContain("[3");
        rows.ShouldNotContain("[9");
        rows.ShouldContain("\u001b[1");
    }

    [Fact]
    public void Below_80x24_it_says_so()
    {
        var frame = Render(Sample("picker", 79, 24), Utf8);
        frame.Text.ShouldStartWith("HardenTui needs at least 80×24; this terminal is 79×24.");
    }
}
