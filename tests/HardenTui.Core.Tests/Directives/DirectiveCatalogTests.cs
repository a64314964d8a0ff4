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
        Catalog.AvailableIn(252).Count().ShouldBe(Catalog.All.Count);
    }

    [Theory]
    [InlineData("ProtectSytem", "ProtectSystem")]
    [InlineData("privatetmp", "PrivateTmp")]
    [InlineData("NoNewPrivilege=", "NoNewPrivileges")]
    public void Nearest_suggests_the_intended_name(string typo, string expected) => Catalog.Nearest(typo).ShouldBe(expected);
}
