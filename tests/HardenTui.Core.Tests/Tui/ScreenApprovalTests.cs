using HardenTui.Core.Tests.Wizard;
using HardenTui.Core.Wizard;
using HardenTui.Tui;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tui;

/// <summary>
/// Every screen drawn by Terminal.Gui's driver (in-process, headless) at 80×24 and 120×40, compared with the
/// approved snapshot.
/// </summary>
[Collection("terminal.gui")]
public class ScreenApprovalTests
{
    internal static readonly TerminalTraits Utf8 = TuiHarness.Utf8;

    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var screen in new[] { "picker", "overview", "trace", "levels", "review", "apply", "help", "quit", "edit", "effective", "culprit", "read-only", "profile", "denials", "overridden" })
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
        "overridden" => WizardSamples.Review(w, h) with { Unit = WizardSamples.NginxWithOverride },
        "denials" => WizardSamples.Overview(w, h) with { Unit = WizardSamples.HardenedWithDenials },
        "profile" => WizardUpdate.Update(WizardSamples.Levels(w, h), new Msg.ProfileFound(new ProfileSeed("nginx",
            [new("MemoryDenyWriteExecute", "yes", "no W+X mapping was seen"), new("PrivateTmp", "yes", "no shared /tmp file was used")],
            "curl -fsS http://127.0.0.1/"), "started from profile nginx: nginx web server")).Model,
        _ => WizardSamples.Overview(w, h) with { Modal = new Modal.EffectiveUnit(0) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Screen_matches_the_approved_text(string screen, int w, int h)
    {
        using var tui = new TuiHarness(Sample(screen, w, h));
        tui.Rows.Count.ShouldBe(h);
        tui.Rows.ShouldAllBe(r => r.Length >= w);
        tui.Text.ShouldMatchApproved(c => c.SubFolder("approved").WithFileExtension("txt").WithDiscriminator($"{screen}-{w}x{h}"));
    }

    [Fact]
    public void Ascii_fallback_draws_no_character_outside_ascii()
    {
        foreach (var screen in new[] { "picker", "overview", "trace", "levels", "review", "apply", "quit", "edit", "effective" })
        {
            using var tui = new TuiHarness(Sample(screen, 80, 24), Utf8 with { Unicode = false });
            tui.Text.Where(ch => ch > 127).ShouldBeEmpty(screen);
        }
    }

    [Fact]
    public void No_color_keeps_emphasis_but_writes_no_colour()
    {
        using var tui = new TuiHarness(Sample("levels", 80, 24), Utf8 with { Color = false });
        var cells = tui.App.Driver!.Contents!;
        var attributes = Enumerable.Range(0, 24).SelectMany(y => Enumerable.Range(0, 80).Select(x => cells[y, x].Attribute)).OfType<Terminal.Gui.Drawing.Attribute>().ToList();
        attributes.ShouldAllBe(a => a.Foreground == Terminal.Gui.Drawing.Color.None && a.Background == Terminal.Gui.Drawing.Color.None);
        attributes.ShouldContain(a => a.Style.HasFlag(Terminal.Gui.Drawing.TextStyle.Bold));
        // 39/49 set the terminal's default colours; any other colour code is a colour.
        var ansi = tui.App.Driver.ToAnsi();
        System.Text.RegularExpressions.Regex.Matches(ansi, "\u001b\\[(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]").ShouldBeEmpty();
        ansi.ShouldContain("\u001b[1m");
    }

    [Fact]
    public void In_colour_failures_are_red()
    {
        using var tui = new TuiHarness(Sample("apply", 80, 24));
        var (x, y) = tui.Find("The service failed");
        tui.App.Driver!.Contents![y, x].Attribute!.Value.Foreground.ShouldBe(new Terminal.Gui.Drawing.Color(Terminal.Gui.Drawing.ColorName16.Red));
        // The terminal's own red (a palette code), not an RGB guess: the look of the screenshots on any terminal.
        tui.App.Driver.GetOutput().GetLastOutput().ShouldContain("\u001b[31m");
        tui.App.Driver.GetOutput().GetLastOutput().ShouldNotContain("38;2;");
    }

    [Fact]
    public void Below_80x24_it_says_so()
    {
        using var tui = new TuiHarness(Sample("picker", 79, 24));
        tui.Text.ShouldStartWith("HardenTui needs at least 80×24; this terminal is 79×24.");
    }
}
