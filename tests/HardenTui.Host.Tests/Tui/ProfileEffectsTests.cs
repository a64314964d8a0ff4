using HardenTui.Core.Wizard;
using HardenTui.Host.Profiles;
using HardenTui.Tui.AppHost;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Tui;

/// <summary>The wizard's profile commands against real files: the shipped library, and a saved profile read back.</summary>
public class ProfileEffectsTests
{
    private static ProfileLibrary Shipped() => ProfileLibrary.Shipped() ?? throw new InvalidOperationException("no profiles/ above the test build");

    [Fact]
    public void The_shipped_nginx_profile_is_found_for_nginx_and_none_for_an_unknown_unit()
    {
        var found = ProfileEffects.Find("nginx.service", Shipped());
        found.Seed!.Name.ShouldBe("nginx");
        found.Seed.Directives.ShouldContain(d => d.Name == "ProtectSystem");
        found.Note.ShouldStartWith("started from profile nginx");
        var none = ProfileEffects.Find("no-such-daemon.service", Shipped());
        none.Seed.ShouldBeNull();
        none.Note.ShouldBe("no shipped profile names no-such-daemon.service (see `hardentui profiles`)");
    }

    [Fact]
    public void A_saved_profile_loads_back_with_the_chosen_lines_and_never_overwrites()
    {
        var dir = Directory.CreateTempSubdirectory("hardentui-profile-").FullName;
        try
        {
            DirectiveToggle[] chosen =
            [
                new("ProtectSystem", "strict", true, false, "only /run was written", [], 0.2),
                new("SystemCallFilter", "@system-service", true, true, "allow-list", [], 2),
            ];
            var cmd = new Cmd.SaveProfile("nginx.service", chosen, "curl -fsS http://127.0.0.1/");
            var first = ProfileEffects.Save(cmd, dir);
            var second = ProfileEffects.Save(cmd, dir);
            first.Path.ShouldBe(Path.Combine(dir, "nginx-local.yaml"));
            second.Path.ShouldBe(Path.Combine(dir, "nginx-local-2.yaml"));
            var back = ProfileLibrary.LoadFile(first.Path);
            back.Name.ShouldBe("nginx-local");
            back.Units.ShouldBe(["nginx.service"]);
            back.Probe.ShouldBe("curl -fsS http://127.0.0.1/");
            back.ToDropIn("nginx.service").Directives.Select(d => $"{d.Name}={d.Value}").ShouldBe(["ProtectSystem=strict", "SystemCallFilter=@system-service"]);
            back.Directives[0].Reason.ShouldBe("only /run was written");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
