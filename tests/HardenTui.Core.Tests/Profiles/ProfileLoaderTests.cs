using HardenTui.Core.Profiles;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Profiles;

public class ProfileLoaderTests
{
    private const string Good = """
        name: demo
        description: A demo daemon
        units: [demo.service, demo@*.service]
        conditions:
          min-systemd: 252
          architectures: [x86-64, arm64]
        probe: curl -fsS http://127.0.0.1/
        directives:
          ProtectSystem:
            value: strict
            reason: writes only below /var/lib/demo
          SystemCallFilter:
            value: ["@system-service", "~@privileged @resources"]
            reason: the trace saw only @system-service calls
        notes: |
          first line
          second line
        """;

    private static string Error(string yaml) =>
        Should.Throw<BadInputException>(() => ProfileLoader.Load(yaml, "p.yaml")).Message;

    [Fact]
    public void Reads_every_field()
    {
        var p = ProfileLoader.Load(Good, "p.yaml");
        p.Name.ShouldBe("demo");
        p.Units.ShouldBe(["demo.service", "demo@*.service"]);
        p.Conditions.MinSystemd.ShouldBe(252);
        p.Conditions.Architectures.ShouldBe(["x86-64", "arm64"]);
        p.Probe.ShouldBe("curl -fsS http://127.0.0.1/");
        p.Directives.Select(d => d.Name).ShouldBe(["ProtectSystem", "SystemCallFilter"]);
        p.Directives[1].Values.ShouldBe(["@system-service", "~@privileged @resources"]);
        p.Notes.ShouldBe("first line\nsecond line");
    }

    [Fact]
    public void Unknown_directive_names_the_nearest_at_its_line_and_column() =>
        Error("name: x\ndescription: d\nunits: [x.service]\ndirectives:\n  ProtectSistem:\n    value: strict\n    reason: r\n")
            .ShouldBe("p.yaml:5:3: unknown directive ProtectSistem (did you mean ProtectSystem?)");

    [Fact]
    public void Yaml_syntax_error_is_one_line_with_position()
    {
        var message = Error("name: x\ndescription: \"unclosed\nunits: x.service\n");
        message.ShouldStartWith("p.yaml:");
        message.ShouldContain("YAML:");
        message.ShouldNotContain("\n");
        message.ShouldNotContain("Idx:");
    }

    [Theory]
    [InlineData("description: d\nunits: [x.service]\ndirectives:\n  PrivateTmp: {value: yes, reason: r}\n", "p.yaml:1:1: missing 'name'")]
    [InlineData("name: x\ndescription: d\nunits: {a: b}\ndirectives:\n  PrivateTmp: {value: yes, reason: r}\n", "p.yaml:3:8: units must be a list of unit names; found a mapping")]
    [InlineData("name: x\ndescription: d\nunits: [x.service]\ndirectives:\n  PrivateTmp: {value: yes}\n", "p.yaml:5:15: missing 'reason'")]
    [InlineData("name: x\ndescription: d\nunits: [x.service]\ndirectives:\n  PrivateTmp: {value: [{a: b}], reason: r}\n", "p.yaml:5:24: each of PrivateTmp: value must be text; found a mapping")]
    [InlineData("name: x\ndescription: d\nunits: [nginx]\ndirectives:\n  PrivateTmp: {value: yes, reason: r}\n", "p.yaml:3:9: 'nginx' is not a service name or glob (expected e.g. nginx.service or apache2*.service)")]
    [InlineData("name: x\ndescripton: d\nunits: [x.service]\ndirectives:\n  PrivateTmp: {value: yes, reason: r}\n", "p.yaml:2:1: unknown key 'descripton' in profile (did you mean description?)")]
    [InlineData("name: x\ndescription: d\nunits: [x.service]\nconditions: {min-systemd: new}\ndirectives:\n  PrivateTmp: {value: yes, reason: r}\n", "p.yaml:4:27: min-systemd must be a systemd version number such as 252")]
    [InlineData("name: x\ndescription: d\nunits: [x.service]\nconditions: {min-systemd: 240}\ndirectives:\n  ProtectProc: {value: invisible, reason: r}\n", "p.yaml:4:27: min-systemd 240 is older than ProtectProc, which systemd 247 introduced")]
    [InlineData("name: x\ndescription: d\nunits: [x.service]\nconditions: {architectures: [amd64]}\ndirectives:\n  PrivateTmp: {value: yes, reason: r}\n", "p.yaml:4:30: unknown architecture 'amd64' (systemd's names: x86-64, arm64, ...)")]
    [InlineData("name: X Y\ndescription: d\nunits: [x.service]\ndirectives:\n  PrivateTmp: {value: yes, reason: r}\n", "p.yaml:1:7: name 'X Y' must be lower-case letters, digits, '.', '_' or '-' (it names the file NAME.yaml)")]
    [InlineData("name: x\ndescription: d\nunits: [x.service]\ndirectives: {}\n", "p.yaml:4:13: directives must be a mapping of directive names to {value, reason}, with at least one entry")]
    [InlineData("- a\n- b\n", "p.yaml:1:1: a profile is a mapping (name:, description:, units:, directives: ...)")]
    [InlineData("name: x\ndescription: ~\nunits: [x.service]\ndirectives:\n  PrivateTmp: {value: yes, reason: r}\n", "p.yaml:2:14: description must be text; found nothing")]
    public void Bad_profiles_are_reported_at_the_node(string yaml, string expected) => Error(yaml).ShouldBe(expected);

    [Fact]
    public void Unclosed_bracket_at_the_end_is_one_line_too() =>
        Error("name: x\ndescription: [unclosed\nunits: x.service\n").ShouldBe("p.yaml:4:1: YAML: the file ends inside an unclosed [ or {");

    [Fact]
    public void Bad_indentation_is_reported_where_the_parser_stopped() =>
        Error("name: x\ndescription: d\n  units: [x.service]\n").ShouldStartWith("p.yaml:3:8: YAML: ");

    [Fact]
    public void Duplicate_keys_are_an_error()
    {
        var message = Error("name: x\nname: y\ndescription: d\nunits: [x.service]\ndirectives:\n  PrivateTmp: {value: yes, reason: r}\n");
        message.ShouldStartWith("p.yaml:2:1: ");
    }
}
