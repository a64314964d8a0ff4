using HardenTui.Core.Wizard;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Wizard;

public class WizardUpdateTests
{
    private static (WizardModel Model, Cmd? Cmd) Keys(WizardModel m, params string[] keys)
    {
        Cmd? cmd = null;
        foreach (var k in keys)
            (m, cmd) = WizardUpdate.Update(m, new Msg.Key(new KeyPress(k)));
        return (m, cmd);
    }

    [Fact]
    public void Start_lists_services_or_opens_the_given_unit()
    {
        WizardUpdate.Init(true, 80, 24, null).Cmd.ShouldBe(new Cmd.LoadServices());
        WizardUpdate.Init(true, 80, 24, "nginx.service").Cmd.ShouldBe(new Cmd.LoadUnit("nginx.service"));
    }

    [Fact]
    public void Picker_sorts_worst_first_and_unscored_last()
    {
        var visible = WizardSamples.Picker(80, 24).Picker.Visible;
        visible[0].Unit.ShouldBe("cron.service");
        visible[^1].Unit.ShouldBe("slow.service");
    }

    [Fact]
    public void Slash_filters_and_enter_opens_the_match()
    {
        var (m, _) = Keys(WizardSamples.Picker(80, 24), "/", "r", "e", "d", "i", "enter");
        m.Picker.Filtering.ShouldBeFalse();
        m.Picker.Visible.Select(s => s.Unit).ShouldBe(["redis-server.service"]);
        var (_, cmd) = Keys(m, "enter");
        cmd.ShouldBe(new Cmd.LoadUnit("redis-server.service"));
    }

    [Fact]
    public void J_and_down_move_and_stop_at_the_end()
    {
        var (m, _) = Keys(WizardSamples.Picker(80, 24), "j", "down", "k");
        m.Picker.Selected.ShouldBe(1);
        (m, _) = Keys(m, Enumerable.Repeat("j", 50).ToArray());
        m.Picker.Selected.ShouldBe(WizardSamples.Services.Count - 1);
    }

    [Fact]
    public void Unit_loaded_shows_the_overview_and_t_opens_trace_asking_for_methods()
    {
        var (m, _) = WizardUpdate.Update(WizardSamples.Picker(80, 24), new Msg.UnitLoaded(WizardSamples.Nginx));
        m.Screen.ShouldBe(Screen.Overview);
        var (t, cmd) = Keys(m, "t");
        t.Screen.ShouldBe(Screen.Trace);
        cmd.ShouldBe(new Cmd.FindMethods("nginx.service"));
    }

    [Fact]
    public void Non_root_cannot_trace_and_is_told_why()
    {
        var m = WizardSamples.Overview(80, 24) with { IsRoot = false };
        var (after, cmd) = Keys(m, "t");
        after.Screen.ShouldBe(Screen.Overview);
        cmd.ShouldBeNull();
        after.Status.ShouldBe("t: tracing needs root (sudo hardentui)");
    }

    [Fact]
    public void Space_toggles_the_highlighted_directive_and_asks_for_a_preview()
    {
        var m = WizardSamples.Levels(80, 24) with { Levels = WizardSamples.Levels(80, 24).Levels with { Directive = 2 } };
        var (after, cmd) = Keys(m, "space");
        after.Levels.CurrentDirective!.On.ShouldBeTrue();
        after.Levels.ExposureAfter.ShouldBeNull();
        cmd.ShouldBeOfType<Cmd.PreviewExposure>().DropIn.ShouldContain("MemoryDenyWriteExecute=yes");
    }

    [Fact]
    public void Enter_edits_a_list_value_and_an_empty_value_switches_it_off()
    {
        var (m, _) = Keys(WizardSamples.Levels(80, 24), "enter");
        m.Modal.ShouldBeOfType<Modal.EditValue>().Buffer.ShouldBe("@system-service");
        (m, _) = Keys(m, Enumerable.Repeat("backspace", 20).Append("enter").ToArray());
        m.Modal.ShouldBeNull();
        m.Levels.CurrentDirective!.On.ShouldBeFalse();
    }

    [Fact]
    public void Tab_moves_focus_to_the_steps_where_j_changes_level()
    {
        var (m, _) = Keys(WizardSamples.Levels(80, 24), "tab", "j");
        m.Levels.Focus.ShouldBe(LevelsFocus.Steps);
        m.Levels.CurrentStep!.Name.ShouldBe("capabilities");
    }

    [Fact]
    public void Quit_with_unapplied_changes_asks_first()
    {
        var (m, cmd) = Keys(WizardSamples.Levels(80, 24), "q");
        m.Modal.ShouldBeOfType<Modal.ConfirmQuit>();
        cmd.ShouldBeNull();
        (m, cmd) = Keys(m, "n");
        m.Modal.ShouldBeNull();
        m.Quit.ShouldBeFalse();
        (m, cmd) = Keys(m, "ctrl+c", "y");
        m.Quit.ShouldBeTrue();
        cmd.ShouldBe(new Cmd.Quit());
    }

    [Fact]
    public void Quit_during_a_trace_asks_and_then_stops_it()
    {
        var (m, _) = Keys(WizardSamples.Trace(80, 24), "q");
        m.Modal.ShouldBeOfType<Modal.ConfirmQuit>().Reason.ShouldContain("trace is running");
        Keys(m, "enter").Cmd.ShouldBe(new Cmd.Quit());
    }

    [Fact]
    public void Quit_without_changes_leaves_at_once()
    {
        var (m, cmd) = Keys(WizardSamples.Picker(80, 24), "q");
        m.Quit.ShouldBeTrue();
        cmd.ShouldBe(new Cmd.Quit());
    }

    [Fact]
    public void Review_write_applies_the_chosen_directives()
    {
        var (m, cmd) = Keys(WizardSamples.Levels(80, 24), "r", "enter");
        m.Screen.ShouldBe(Screen.Apply);
        m.Apply.Running.ShouldBeTrue();
        var apply = cmd.ShouldBeOfType<Cmd.Apply>();
        apply.Directives.Select(d => d.Name).ShouldContain("SystemCallFilter");
        apply.Directives.ShouldNotContain(d => d.Name == "MemoryDenyWriteExecute");
        apply.Seen.ShouldBe(m.Unit!.EffectiveText, "the unit text the diff was computed against, re-read before writing");
    }

    [Fact]
    public void A_unit_changed_since_the_diff_goes_back_to_the_review_against_its_new_text_keeping_the_choices()
    {
        var (applying, _) = Keys(WizardSamples.Levels(80, 24), "r", "enter");
        var changed = applying.Unit!.EffectiveText + "\n# /etc/systemd/system/nginx.service.d/override.conf\n[Service]\nNice=5\n";

        var (m, cmd) = WizardUpdate.Update(applying, new Msg.UnitEditedSinceReview("nginx.service", changed));

        cmd.ShouldBeNull();
        m.Screen.ShouldBe(Screen.Review);
        m.Unit!.EffectiveText.ShouldBe(changed);
        m.Levels.ShouldBe(applying.Levels);
        m.Status.ShouldContain("changed since this diff was computed; nothing written");
    }

    [Fact]
    public void A_failed_apply_offers_bisect_and_the_culprit_is_switched_off()
    {
        var m = WizardSamples.Review(80, 24) with { Screen = Screen.Apply };
        (m, _) = WizardUpdate.Update(m, new Msg.ApplyFinished(false, true));
        var (bisecting, cmd) = Keys(m, "b");
        bisecting.Apply.Bisecting.ShouldBeTrue();
        cmd.ShouldBeOfType<Cmd.Bisect>();
        var (done, _) = WizardUpdate.Update(bisecting, new Msg.BisectFinished("SystemCallFilter=@system-service"));
        done.Apply.Culprit.ShouldBe("SystemCallFilter=@system-service");
        done.Levels.Chosen.ShouldNotContain(d => d.Name == "SystemCallFilter");
    }

    [Fact]
    public void Lines_from_the_editor_come_back_as_toggles_and_manual_lines()
    {
        var (m, _) = WizardUpdate.Update(WizardSamples.Levels(80, 24),
            new Msg.EditorReturned(["[Service]", "# comment", "SystemCallFilter=@system-service @network-io", "ProtectHome=yes"]));
        m.Levels.Chosen.Select(d => d.Line).ShouldBe(["SystemCallFilter=@system-service @network-io", "ProtectHome=yes"]);
        m.Levels.Steps[^1].Name.ShouldBe("manual");
    }

    [Fact]
    public void Trace_snapshots_and_the_end_update_the_screen_and_ask_for_proposals()
    {
        var m = WizardSamples.Trace(80, 24);
        (m, _) = WizardUpdate.Update(m, new Msg.TraceProgress(20, WizardSamples.Findings));
        m.Trace.Elapsed.ShouldBe(20);
        var (done, cmd) = WizardUpdate.Update(m, new Msg.TraceFinished(WizardSamples.Findings));
        done.Trace.Running.ShouldBeFalse();
        cmd.ShouldBe(new Cmd.BuildProposals("nginx.service"));
    }

    [Fact]
    public void Esc_during_a_trace_is_refused_with_the_reason()
    {
        var (m, _) = Keys(WizardSamples.Trace(80, 24), "esc");
        m.Screen.ShouldBe(Screen.Trace);
        m.Status.ShouldBe("esc: stop the trace first (x)");
    }

    [Fact]
    public void Pgdn_scrolls_the_review_diff_and_stops_at_its_end_while_arrows_keep_choosing()
    {
        var start = WizardSamples.Review(80, 24);
        var diff = start.ReviewLines;
        diff.Count.ShouldBeLessThan(10);
        var (m, _) = Keys(start, "pgdn");
        m.Scroll.ShouldBe(diff.Count - 1); // the last line is as far as it goes
        m.ReviewChoice.ShouldBe(0);
        (m, _) = Keys(m, "pgup", "j");
        m.Scroll.ShouldBe(0);
        m.ReviewChoice.ShouldBe(1);
    }

    [Fact]
    public void Toggling_a_directive_toggles_its_companion_lines_but_a_companion_toggles_alone()
    {
        var m = WizardSamples.Levels(80, 24) with
        {
            Levels = LevelsState.Initial with
            {
                Steps =
                [
                    new("exec paths",
                    [
                        new("NoExecPaths", "/", false, true, "why", [], 0),
                        new("ExecPaths", "-/usr/sbin/nginx", false, true, "what runs", [], 0, GoesWith: "NoExecPaths"),
                    ]),
                ],
            },
        };
        (m, _) = Keys(m, "space");
        m.Levels.Steps[0].Directives.Select(d => d.On).ShouldBe([true, true]);
        (m, _) = Keys(m, "j", "space");
        m.Levels.Steps[0].Directives.Select(d => d.On).ShouldBe([true, false]);
    }
}

/// <summary>The overview's relax: r applies the first denial's relax; without one (or without root) it is refused with why.</summary>
public class RelaxInWizardTests
{
    [Fact]
    public void R_on_the_overview_relaxes_the_first_denial_with_a_relax_and_the_result_replaces_the_unit()
    {
        var m = WizardSamples.Overview(120, 40) with { Unit = WizardSamples.HardenedWithDenials };
        var (next, cmd) = WizardUpdate.Update(m, new Msg.Relax());
        cmd.ShouldBe(new Cmd.Relax("nginx.service", "ReadWritePaths=-/srv/www/cache"));
        next.Status.ShouldStartWith("relaxing nginx.service");
        var after = WizardSamples.HardenedWithDenials with { Denials = [] };
        var (done, _) = WizardUpdate.Update(next, new Msg.Relaxed(after, "nginx.service restarted with ReadWritePaths=-/srv/www/cache and is working"));
        done.Unit.ShouldBe(after);
        done.Status.ShouldEndWith("is working");
        KeyTables.Overview.Bindings.Single(b => b.Keys.Contains("r")).WhyDisabled(WizardSamples.Overview(120, 40)).ShouldBe("no denial with a relax");
    }
}
