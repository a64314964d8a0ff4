using HardenTui.Core.Directives;
using HardenTui.Core.Overrides;
using HardenTui.Core.Profiles;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Profiles;

public class ProfileTests
{
    private static readonly Profile Demo = new(
        "demo", "A demo: with 'quotes' and # hash", ["demo.service", "demo@*.service"],
        [
            new ProfileDirective("ProtectSystem", "strict", "writes only below /var/lib/demo"),
            new ProfileDirective("SystemCallFilter", ["@system-service", "~@privileged @resources"], "line one\nline two"),
            new ProfileDirective("CapabilityBoundingSet", "", "an empty value clears the set"),
        ],
        new ProfileConditions(252, ["x86-64"]), "redis-cli -p 6379 ping | grep -q PONG", "Note: yes\n  indented\nlast");

    [Fact]
    public void Written_profile_loads_back_equal()
    {
        var demo = Demo with { Directives = Demo.Directives.Where(d => d.Values.All(v => v.Length > 0)).ToList() };
        var again = ProfileLoader.Load(ProfileWriter.Write(demo), "w.yaml");
        Same(again, demo);
    }

    [Fact]
    public void Written_yaml_quotes_what_yaml_would_misread()
    {
        var text = ProfileWriter.Write(Demo with { Directives = [new ProfileDirective("SystemCallFilter", "@system-service", "r"), new ProfileDirective("PrivateTmp", "yes", "r")] });
        var loaded = ProfileLoader.Load(text, "w.yaml");
        loaded.Directives[0].Values.ShouldBe(["@system-service"]);
        loaded.Directives[1].Values.ShouldBe(["yes"]);
    }

    private static void Same(Profile actual, Profile expected)
    {
        (actual.Name, actual.Description, actual.Probe, actual.Notes).ShouldBe((expected.Name, expected.Description, expected.Probe, expected.Notes));
        actual.Units.ShouldBe(expected.Units);
        actual.Conditions.MinSystemd.ShouldBe(expected.Conditions.MinSystemd);
        actual.Conditions.Architectures.ShouldBe(expected.Conditions.Architectures);
        actual.Directives.Select(d => (d.Name, string.Join('|', d.Values), d.Reason)).ShouldBe(expected.Directives.Select(d => (d.Name, string.Join('|', d.Values), d.Reason)));
        ProfileWriter.Write(actual).ShouldBe(ProfileWriter.Write(expected));
    }

    [Fact]
    public void Minimal_profile_round_trips_without_optional_parts()
    {
        var bare = new Profile("bare", "b", ["b.service"], [new ProfileDirective("PrivateTmp", "yes", "r")], ProfileConditions.None);
        var text = ProfileWriter.Write(bare);
        text.ShouldNotContain("conditions");
        text.ShouldNotContain("probe");
        Same(ProfileLoader.Load(text, "w.yaml"), bare);
    }

    [Fact]
    public void Drop_in_has_one_line_per_value_with_the_reason()
    {
        var dropIn = Demo.ToDropIn("demo@a.service");
        dropIn.Unit.ShouldBe("demo@a.service");
        dropIn.Directives.Select(d => d.Line).ShouldBe(["ProtectSystem=strict", "SystemCallFilter=@system-service", "SystemCallFilter=~@privileged @resources", "CapabilityBoundingSet="]);
        dropIn.Directives[0].Reason.ShouldBe("writes only below /var/lib/demo");
        var parsed = DropIn.Parse("demo@a.service", dropIn.Render(DateTimeOffset.UnixEpoch));
        parsed.Directives.Select(d => d.Line).ShouldBe(dropIn.Directives.Select(d => d.Line));
    }

    [Fact]
    public void From_drop_in_groups_repeated_names_and_converts_back()
    {
        var dropIn = Demo.ToDropIn("demo.service");
        var profile = Profile.FromDropIn("saved", "saved from the wizard", dropIn, "true");
        profile.Units.ShouldBe(["demo.service"]);
        profile.Directives.Count.ShouldBe(3);
        profile.Directives[1].Values.Count.ShouldBe(2);
        profile.ToDropIn("demo.service").Render(DateTimeOffset.UnixEpoch).ShouldBe(dropIn.Render(DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData("demo.service", true)]
    [InlineData("demo@web.service", true)]
    [InlineData("demox.service", false)]
    [InlineData("other.service", false)]
    public void Applies_to_names_and_globs(string unit, bool applies) => Demo.AppliesTo(unit).ShouldBe(applies);

    [Fact]
    public void Conditions_name_what_is_unmet()
    {
        var catalog = DirectiveCatalog.Load();
        Demo.Unmet(catalog, 252, "x86-64").ShouldBeEmpty();
        Demo.Unmet(catalog, 251, "arm64").ShouldBe(["needs systemd 252 or newer, this machine has 251", "is for x86-64, this machine is arm64"]);
    }

    [Fact]
    public void Directive_versions_raise_the_required_systemd()
    {
        var catalog = DirectiveCatalog.Load();
        var p = new Profile("p", "d", ["p.service"], [new ProfileDirective("ProtectProc", "invisible", "r")], ProfileConditions.None);
        p.RequiredSystemd(catalog).ShouldBe(247);
        p.Unmet(catalog, 246, "x86-64").ShouldBe(["needs systemd 247 or newer, this machine has 246 (ProtectProc=invisible needs 247)"]);
        p.Unmet(catalog, 252, "anything").ShouldBeEmpty();
        var newValue = p with { Directives = [new ProfileDirective("ProtectControlGroups", "strict", "r")] };
        newValue.RequiredSystemd(catalog).ShouldBe(257);
        newValue.Unmet(catalog, 252, "x86-64").ShouldBe(["needs systemd 257 or newer, this machine has 252 (ProtectControlGroups=strict needs 257)"]);
    }

    [Theory]
    [InlineData("ProtectSistem", "ProtectSystem")]
    [InlineData("privatetmp", "PrivateTmp")]
    [InlineData("NoNewPrivilege", "NoNewPrivileges")]
    [InlineData("RestrictAdressFamilies", "RestrictAddressFamilies")]
    public void Nearest_name_for_a_misspelling(string wrong, string right) => DirectiveCatalog.Load().Nearest(wrong).ShouldBe(right);
}
