using HardenTui.Core.Units;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Units;

public class UnitPropertiesTests
{
    [Fact]
    public void Asked_by_an_alias_the_unit_is_named_by_systemd_s_own_id()
    {
        // sshd.service is Debian's alias of ssh.service: locks, drop-ins and the journal follow ssh.service.
        new UnitProperties("sshd.service", new Dictionary<string, object> { ["Id"] = "ssh.service" }).Unit.ShouldBe("ssh.service");
    }

    [Fact]
    public void Without_an_id_the_name_asked_for_stays()
    {
        new UnitProperties("nginx.service", new Dictionary<string, object> { ["LoadState"] = "loaded" }).Unit.ShouldBe("nginx.service");
        new UnitProperties("nginx.service", new Dictionary<string, object> { ["Id"] = "" }).Unit.ShouldBe("nginx.service");
    }
}
