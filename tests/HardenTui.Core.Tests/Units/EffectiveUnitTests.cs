using HardenTui.Core.Units;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Units;

public class EffectiveUnitTests
{
    [Fact]
    public void Drop_in_directories_go_from_type_level_to_the_unit_itself()
    {
        EffectiveUnit.DropInDirectoryNames("foo-bar@baz.service").ShouldBe(
            ["service.d", "foo-.service.d", "foo-bar@.service.d", "foo-bar@baz.service.d"]);
        EffectiveUnit.DropInDirectoryNames("nginx.service").ShouldBe(["service.d", "nginx.service.d"]);
    }

    [Fact]
    public void Same_named_drop_in_in_a_higher_priority_directory_wins_then_all_sort_by_file_name()
    {
        EffectiveUnit.OrderDropIns(
        [
            (3, "/usr/lib/systemd/system/nginx.service.d/10-vendor.conf"),
            (3, "/usr/lib/systemd/system/nginx.service.d/50-mask-me.conf"),
            (0, "/etc/systemd/system/nginx.service.d/50-mask-me.conf"),
            (0, "/etc/systemd/system/service.d/00-global.conf"),
            (0, "/etc/systemd/system/nginx.service.d/README"),
        ]).ShouldBe(
        [
            "/etc/systemd/system/service.d/00-global.conf",
            "/usr/lib/systemd/system/nginx.service.d/10-vendor.conf",
            "/etc/systemd/system/nginx.service.d/50-mask-me.conf",
        ]);
    }

    [Fact]
    public void Assignments_are_main_file_then_drop_ins()
    {
        var unit = new EffectiveUnit("a.service",
            UnitFile.Parse("[Service]\nProtectSystem=full\n", "a.service"),
            [UnitFile.Parse("[Service]\nProtectSystem=strict\n", "a.service.d/x.conf")]);
        unit.Assignments.Select(a => a.Value).ShouldBe(["full", "strict"]);
    }
}
