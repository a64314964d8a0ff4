using HardenTui.Core.Profiles;
using HardenTui.Host.Profiles;
using HardenTui.Host.Systemd;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Profiles;

/// <summary>What `apply --profile` decides before touching the machine: refuse, warn, which probe.</summary>
public class ProfilePlanTests
{
    private static readonly Profile Web = new("web", "d", ["web.service", "web@*.service"],
        [new ProfileDirective("ProtectProc", "invisible", "r"), new ProfileDirective("PrivateTmp", "yes", "r")],
        new ProfileConditions(250, ["x86-64"]), "curl -f http://127.0.0.1/");

    private static readonly ManagerFacts Debian12 = new(252, "x86-64");

    [Fact]
    public void A_matching_machine_gets_the_drop_in_and_the_profiles_probe()
    {
        var plan = ProfilePlan.For(Web, "web@a.service", Debian12, null, TimeSpan.FromSeconds(3));
        plan.Warning.ShouldBeNull();
        plan.DropIn.Directives.Select(d => d.Line).ShouldBe(["ProtectProc=invisible", "PrivateTmp=yes"]);
        plan.Check.Probe.ShouldBe("curl -f http://127.0.0.1/");
        plan.Check.Settle.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void The_users_probe_wins_over_the_profiles() =>
        ProfilePlan.For(Web, "web.service", Debian12, "true", TimeSpan.Zero).Check.Probe.ShouldBe("true");

    [Fact]
    public void Another_unit_is_a_warning_not_a_refusal() =>
        ProfilePlan.For(Web, "other.service", Debian12, null, TimeSpan.Zero).Warning!
            .ShouldStartWith("profile web is written for web.service, web@*.service, not other.service");

    [Theory]
    [InlineData(249, "x86-64", "profile web needs systemd 250 or newer, this machine has 249; not applied")]
    [InlineData(252, "arm64", "profile web is for x86-64, this machine is arm64; not applied")]
    [InlineData(246, "arm64", "profile web needs systemd 250 or newer, this machine has 246; is for x86-64, this machine is arm64; not applied")]
    public void Unmet_conditions_refuse_in_one_line(int version, string arch, string message) =>
        Should.Throw<BadInputException>(() => ProfilePlan.For(Web, "web.service", new ManagerFacts(version, arch), null, TimeSpan.Zero))
            .Message.ShouldBe(message);
}
