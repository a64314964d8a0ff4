using HardenTui.Core.Units;
using HardenTui.Core.Wizard;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Wizard;

/// <summary>What systemd announces while the wizard runs: the picker follows services, the apply screen the unit's state.</summary>
public class LiveUpdateTests
{
    private static WizardModel Picker() =>
        WizardUpdate.Update(WizardModel.Start(true, 120, 40), new Msg.ServicesLoaded(WizardSamples.Services)).Model;

    [Fact]
    public void A_service_that_appears_is_scored_then_listed()
    {
        var (m, cmd) = WizardUpdate.Update(Picker(), new Msg.ServiceChanged(new ServiceEvent(ServiceEventKind.Appeared, "new.service")));
        cmd.ShouldBe(new Cmd.LoadService("new.service"));
        var row = new ServiceRow("new.service", "New", "active", 9.2, "UNSAFE", false);
        var (after, _) = WizardUpdate.Update(m, new Msg.ServiceLoaded(row));
        after.Picker.Services.ShouldContain(row);
        after.Picker.Services.Count.ShouldBe(WizardSamples.Services.Count + 1);
    }

    [Fact]
    public void A_known_service_appearing_again_asks_nothing()
    {
        WizardUpdate.Update(Picker(), new Msg.ServiceChanged(new ServiceEvent(ServiceEventKind.Appeared, "nginx.service"))).Cmd.ShouldBeNull();
    }

    [Fact]
    public void A_service_that_disappears_leaves_and_the_highlight_stays_on_its_unit()
    {
        var m = Picker();
        var at = m.Picker.Visible.ToList().FindIndex(s => s.Unit == "redis-server.service");
        m = m with { Picker = m.Picker with { Selected = at } };
        var gone = m.Picker.Visible.First(s => s.Unit != "redis-server.service").Unit;
        var (after, _) = WizardUpdate.Update(m, new Msg.ServiceChanged(new ServiceEvent(ServiceEventKind.Disappeared, gone)));
        after.Picker.Services.ShouldNotContain(s => s.Unit == gone);
        after.Picker.Current!.Unit.ShouldBe("redis-server.service");
    }

    [Fact]
    public void A_state_change_shows_in_the_row()
    {
        var (after, _) = WizardUpdate.Update(Picker(), new Msg.ServiceChanged(new ServiceEvent(ServiceEventKind.Changed, "memcached.service", "active", "running")));
        after.Picker.Services.Single(s => s.Unit == "memcached.service").ActiveState.ShouldBe("active");
    }

    [Fact]
    public void The_apply_screen_shows_the_unit_as_systemd_announces_it()
    {
        var m = WizardModel.Start(true, 120, 40) with { Unit = WizardSamples.Nginx, Screen = Screen.Apply };
        var (after, _) = WizardUpdate.Update(m, new Msg.UnitChanged(new UnitLiveState("nginx.service", "activating", "start", "success", 1, 0)));
        after.Apply.LiveText.ShouldBe("activating (start), 1 restart");
        after.Unit!.ActiveState.ShouldBe("activating");
        (after, _) = WizardUpdate.Update(after, new Msg.UnitChanged(new UnitLiveState("nginx.service", "failed", "failed", "exit-code", 2, 0)));
        after.Apply.LiveText.ShouldBe("failed (failed), result exit-code, 2 restarts");
    }

    [Fact]
    public void Another_units_state_is_ignored()
    {
        var m = WizardModel.Start(true, 120, 40) with { Unit = WizardSamples.Nginx, Screen = Screen.Apply };
        WizardUpdate.Update(m, new Msg.UnitChanged(new UnitLiveState("redis-server.service", "failed", "failed", "exit-code", 0, 0))).Model.ShouldBe(m);
    }
}
