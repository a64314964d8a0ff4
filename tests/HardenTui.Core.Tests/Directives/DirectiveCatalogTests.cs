using HardenTui.Core.Directives;
using HardenTui.Core.Exposure;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Directives;

public class DirectiveCatalogTests
{
    private static readonly DirectiveCatalog Catalog = DirectiveCatalog.Load();

    [Fact]
    public void Every_scored_directive_is_in_the_catalog()
    {
        foreach (var row in Assessor.All)
            Catalog.Find(row.Directive).ShouldNotBeNull(row.Directive);
    }

    [Fact]
    public void Lookup_accepts_a_trailing_equals_and_knows_levels_versions_and_interactions()
    {
        var mdwe = Catalog.Find("MemoryDenyWriteExecute=")!;
        mdwe.Level.ShouldBe(HardeningLevel.Syscalls);
        mdwe.SafeValue.ShouldBe("yes");
        mdwe.Interactions!.ShouldContain(i => i.Contains(".NET"));
        Catalog.Find("NoExecPaths")!.Level.ShouldBe(HardeningLevel.ExecPaths);
        Catalog.Find("DynamicUser")!.ManPageUrl.ShouldBe("https://www.freedesktop.org/software/systemd/man/systemd.exec.html#DynamicUser=");
        Catalog.Find("Bogus").ShouldBeNull();
    }

    [Fact]
    public void Versions_hide_what_an_older_systemd_lacks()
    {
        Catalog.AvailableIn(252).ShouldContain(d => d.Name == "ProtectProc");
        Catalog.AvailableIn(246).ShouldNotContain(d => d.Name == "ProtectProc");
        Catalog.AvailableIn(257).ShouldContain(d => d.Name == "PrivatePIDs");
        Catalog.AvailableIn(254).ShouldNotContain(d => d.Name == "PrivatePIDs");
        Catalog.AvailableIn(252).ShouldNotContain(d => d.Name == "MemoryKSM");
        Catalog.AvailableIn(258).Count().ShouldBe(Catalog.All.Count);
    }

    [Fact]
    public void Values_carry_their_own_version()
    {
        var cgroups = Catalog.Find("ProtectControlGroups")!;
        cgroups.SinceFor("yes").ShouldBe(232);
        cgroups.SinceFor("strict").ShouldBe(257);
        cgroups.KnownIn(252, "strict").ShouldBeFalse();
        cgroups.KnownIn(257, "strict").ShouldBeTrue();
        Catalog.SinceFor("PrivateTmp", "disconnected").ShouldBe(257);
        Catalog.SinceFor("PrivateUsers", "full").ShouldBe(258);
        Catalog.SinceFor("ProtectHostname", "private").ShouldBe(258);
        Catalog.SinceFor("RestrictFileSystems", "ext4").ShouldBe(250);
        Catalog.TooNew("PrivateTmp", "disconnected", 252).ShouldBe("PrivateTmp=disconnected needs systemd 257, the target has 252");
        Catalog.TooNew("PrivatePIDs", "yes", 254).ShouldBe("PrivatePIDs= needs systemd 257, the target has 254");
        Catalog.TooNew("PrivateTmp", "yes", 252).ShouldBeNull();
    }

    [Theory]
    [InlineData("ProtectSytem", "ProtectSystem")]
    [InlineData("privatetmp", "PrivateTmp")]
    [InlineData("NoNewPrivilege=", "NoNewPrivileges")]
    public void Nearest_suggests_the_intended_name(string typo, string expected) => Catalog.Nearest(typo).ShouldBe(expected);
}
