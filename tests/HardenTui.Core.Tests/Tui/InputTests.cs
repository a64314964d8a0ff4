using HardenTui.Core.Tests.Wizard;
using HardenTui.Core.Wizard;
using Shouldly;
using Terminal.Gui.Input;
using Xunit;

namespace HardenTui.Core.Tests.Tui;

/// <summary>
/// Keys and mouse fed through Terminal.Gui's input injection into the real root, asserting the model and the
/// screen: the key tables are reached whatever view has focus, clicks and the wheel send the same messages as keys,
/// and the text fields edit like text fields.
/// </summary>
[Collection("terminal.gui")]
public class InputTests
{
    [Fact]
    public void Keys_move_the_picker_and_the_screen_follows()
    {
        using var tui = new TuiHarness(WizardSamples.Picker(80, 24));
        tui.Key("j");
        tui.Key("down");
        tui.Model.Picker.Selected.ShouldBe(2);
        tui.Rows[5].ShouldStartWith("› nginx");
    }

    [Fact]
    public void A_click_selects_a_row_a_double_click_opens_it_and_the_wheel_moves()
    {
        using var tui = new TuiHarness(WizardSamples.Picker(80, 24));
        var (x, y) = tui.Find("memcached ");
        tui.Click(x, y);
        tui.Model.Picker.Current!.Unit.ShouldBe("memcached.service");
        tui.Rows[y].ShouldStartWith("› memcached");
        tui.Wheel(x, y, down: true);
        tui.Model.Picker.Current!.Unit.ShouldBe("systemd-journald.service");
        tui.Wheel(x, y, down: false);
        var nginx = tui.Find("nginx ");
        tui.DoubleClick(nginx.X, nginx.Y);
        tui.Model.Picker.Current!.Unit.ShouldBe("nginx.service");
        tui.Ran<Cmd.LoadUnit>().Unit.ShouldBe("nginx.service");
    }

    [Fact]
    public void The_filter_is_a_text_field_with_a_cursor_home_and_word_delete()
    {
        using var tui = new TuiHarness(WizardSamples.Picker(80, 24));
        tui.Key("/");
        tui.Root.Typing.ShouldBeTrue();
        tui.Type("ngin");
        tui.Model.Picker.Filter.ShouldBe("ngin");
        tui.Key(Key.Home);
        tui.Type("q");  // a letter bound to quit elsewhere is text here
        tui.Model.Quit.ShouldBeFalse();
        tui.Model.Picker.Filter.ShouldBe("qngin");
        tui.Key(Key.End);
        tui.Key(Key.Backspace.WithCtrl);
        tui.Model.Picker.Filter.ShouldBe("");
        tui.Type("redis");
        tui.Rows[1].ShouldContain("1 of 8");
        tui.Key("enter");
        tui.Root.Typing.ShouldBeFalse();
        tui.Model.Picker.Current!.Unit.ShouldBe("redis-server.service");
        tui.Key("/");
        tui.Key("esc");
        tui.Model.Picker.Filter.ShouldBe("");
    }

    [Fact]
    public void The_probe_is_typed_in_a_text_field_that_keeps_what_was_there()
    {
        using var tui = new TuiHarness(WizardSamples.Trace(80, 24) with { Trace = WizardSamples.Trace(80, 24).Trace with { Running = false } });
        tui.Key("p");
        tui.Root.Typing.ShouldBeTrue();
        tui.Type(" >/dev/null");
        tui.Model.Trace.Probe.ShouldBe("curl -fsS http://localhost/ >/dev/null");
        tui.Key("enter");
        tui.Model.Trace.EditingProbe.ShouldBeFalse();
        tui.Text.ShouldContain("Probe  curl -fsS http://localhost/ >/dev/null");
    }

    public static TheoryData<string> Screens => new() { "picker", "overview", "trace", "levels", "review", "apply" };

    [Theory]
    [MemberData(nameof(Screens))]
    public void Question_mark_and_q_reach_the_key_tables_on_every_screen(string screen)
    {
        using var tui = new TuiHarness(ScreenApprovalTests.Sample(screen, 80, 24));
        tui.Key("?");
        tui.Model.Modal.ShouldBeOfType<Modal.Help>();
        tui.Text.ShouldContain("Keys (esc closes)");
        tui.Key("esc");
        tui.Model.Modal.ShouldBeNull();
        tui.Key("q");
        (tui.Model.Quit || tui.Model.Modal is Modal.ConfirmQuit).ShouldBeTrue();
    }

    [Fact]
    public void Single_letters_reach_their_bindings_on_the_screens_that_bind_them()
    {
        using (var tui = new TuiHarness(WizardSamples.Overview(80, 24)))
        {
            tui.Key("t");
            tui.Model.Screen.ShouldBe(Screen.Trace);
        }
        using (var tui = new TuiHarness(WizardSamples.Overview(80, 24)))
        {
            tui.Key("l");
            tui.Model.Screen.ShouldBe(Screen.Levels);
        }
        using (var tui = new TuiHarness(WizardSamples.Levels(80, 24)))
        {
            tui.Key("r");
            tui.Model.Screen.ShouldBe(Screen.Review);
        }
        using (var tui = new TuiHarness(WizardSamples.Picker(80, 24)))
        {
            tui.Key("/");
            tui.Model.Picker.Filtering.ShouldBeTrue();
        }
        using (var tui = new TuiHarness(WizardSamples.Trace(80, 24)))
        {
            tui.Key("l");
            tui.Model.Status.ShouldBe("l: stop the trace first (x)");
            tui.Rows[^2].ShouldContain("stop the trace first");
        }
    }

    [Fact]
    public void Quit_with_unapplied_changes_asks_in_a_dialog_whose_buttons_answer()
    {
        using var tui = new TuiHarness(WizardSamples.Levels(80, 24));
        tui.Key("q");
        tui.Model.Modal.ShouldBeOfType<Modal.ConfirmQuit>();
        tui.Text.ShouldContain("Quit anyway?");
        var stay = tui.Find("Stay (n)");
        tui.Click(stay.X + 1, stay.Y);
        tui.Model.Modal.ShouldBeNull();
        tui.Text.ShouldNotContain("Quit anyway?");
        tui.Key("q");
        tui.Key("y");
        tui.Model.Quit.ShouldBeTrue();
        tui.Ran<Cmd.Quit>();
    }

    [Fact]
    public void Levels_a_click_on_a_box_toggles_it_and_a_click_on_a_step_opens_the_step()
    {
        using var tui = new TuiHarness(WizardSamples.Levels(80, 24));
        var (x, y) = tui.Find("[ ] MemoryDenyWriteExecute");
        tui.Click(x + 1, y);
        tui.Model.Levels.CurrentDirective!.Name.ShouldBe("MemoryDenyWriteExecute");
        tui.Model.Levels.CurrentDirective!.On.ShouldBeTrue();
        tui.Rows[y].ShouldContain("[✓] MemoryDenyWriteExecute");
        var step = tui.Find("3 capabilities");
        tui.Click(step.X, step.Y);
        tui.Model.Levels.Focus.ShouldBe(LevelsFocus.Steps);
        tui.Model.Levels.CurrentStep!.Name.ShouldBe("capabilities");
        tui.Text.ShouldContain("CapabilityBoundingSet=");
    }

    [Fact]
    public void Edit_value_is_a_dialog_with_a_text_field()
    {
        using var tui = new TuiHarness(WizardSamples.Levels(80, 24));
        tui.Key("enter");
        tui.Model.Modal.ShouldBeOfType<Modal.EditValue>();
        tui.Root.Typing.ShouldBeTrue();
        tui.Type(" @network-io");
        tui.Key("enter");
        tui.Model.Modal.ShouldBeNull();
        tui.Model.Levels.CurrentDirective!.Value.ShouldBe("@system-service @network-io");
        tui.Ran<Cmd.PreviewExposure>().DropIn.ShouldContain("SystemCallFilter=@system-service @network-io");
    }

    [Fact]
    public void The_wheel_scrolls_the_diff_and_a_click_picks_a_choice()
    {
        var sample = WizardSamples.Review(80, 24);
        var many = Enumerable.Range(0, 30).Select(i => new DirectiveToggle($"Extra{i}", "yes", true, false, "", [], 0)).ToList();
        var model = sample with { Levels = sample.Levels with { Steps = [.. sample.Levels.Steps, new LevelStep("more", many)] } };
        using var tui = new TuiHarness(model);
        var (x, y) = tui.Find("[Service]");
        tui.Wheel(x, y, down: true);
        tui.Model.Scroll.ShouldBe(3);
        tui.Text.ShouldNotContain("[Service]");
        var back = tui.Find("go back to the levels");
        tui.Click(back.X, back.Y);
        tui.Model.ReviewChoice.ShouldBe(1);
        tui.DoubleClick(back.X, back.Y);
        tui.Model.Screen.ShouldBe(Screen.Levels);
    }

    [Fact]
    public void A_click_on_a_key_in_the_key_bar_sends_that_key()
    {
        using var tui = new TuiHarness(WizardSamples.Levels(80, 24));
        var (x, y) = tui.Find(" r review");
        tui.Click(x + 1, y);
        tui.Model.Screen.ShouldBe(Screen.Review);
    }

    [Fact]
    public void A_resize_lays_the_screen_out_again_at_the_new_size()
    {
        using var tui = new TuiHarness(WizardSamples.Levels(80, 24));
        tui.App.Driver!.SetScreenSize(120, 40);
        tui.Settle();
        tui.Model.Width.ShouldBe(120);
        tui.Model.Height.ShouldBe(40);
        tui.Rows[^1].ShouldContain("save as profile");
        tui.App.Driver.SetScreenSize(70, 20);
        tui.Settle();
        tui.Text.ShouldStartWith("HardenTui needs at least 80×24; this terminal is 70×20.");
        tui.Text.ShouldContain("press q to quit", Case.Sensitive, "the whole sentence, wrapped to 70 columns");
    }

    [Fact]
    public void An_apply_refused_before_writing_says_so_instead_of_starting_forever()
    {
        var review = WizardSamples.Review(80, 24);
        using var tui = new TuiHarness(review with { Screen = Screen.Apply, Apply = ApplyState.Initial with { Running = true } });
        tui.Text.ShouldContain("starting…");
        tui.Loop.Post(new Msg.Failed("systemd refuses the drop-in: line 3: unknown key; nothing written"));
        tui.Settle();
        tui.Text.ShouldContain("Nothing was written.");
        tui.Rows[^2].ShouldContain("systemd refuses the drop-in");
        tui.Key("esc");
        tui.Model.Screen.ShouldBe(Screen.Levels);
    }
}
