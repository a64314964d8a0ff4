using HardenTui.Host.Systemd;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Systemd;

public class BusctlJsonTests
{
    // Shapes as printed by busctl 252 --json=short (recorded in the sandbox).
    private const string ListUnits =
        """{"type":"a(ssssssouso)","data":[[["nginx.service","A high performance web server","loaded","active","running","","/org/freedesktop/systemd1/unit/nginx_2eservice",0,"","/"],["gone.service","gone","not-found","inactive","dead","","/org/freedesktop/systemd1/unit/gone_2eservice",0,"","/"]]]}""";
    private const string GetAll =
        """{"type":"a{sv}","data":[{"Id":{"type":"s","data":"nginx.service"},"MainPID":{"type":"u","data":1234},"NoNewPrivileges":{"type":"b","data":false},"ReadWritePaths":{"type":"as","data":["-/var/lib/x","/run"]},"ExecStart":{"type":"a(sasbttttuii)","data":[["/usr/sbin/nginx",["/usr/sbin/nginx","-g","daemon on;"],false,0,0,0,0,0,0,0]]}}]}""";

    [Fact]
    public void Unit_list_rows()
    {
        var units = BusctlJson.Units(ListUnits);
        units.Count.ShouldBe(2);
        units[0].ShouldBe(new UnitStatus("nginx.service", "A high performance web server", "loaded", "active", "running"));
    }

    [Fact]
    public void Properties_keep_each_variants_data()
    {
        var p = new UnitProperties("nginx.service", BusctlJson.Properties(GetAll));
        p.String("Id").ShouldBe("nginx.service");
        p.UNumber("MainPID").ShouldBe(1234u);
        p.Bool("NoNewPrivileges").ShouldBe(false);
        p.Strings("ReadWritePaths").ShouldBe(["-/var/lib/x", "/run"]);
        p.Values["ExecStart"][0][0].GetString().ShouldBe("/usr/sbin/nginx");
        p.String("Missing").ShouldBeNull();
        p.Strings("MainPID").ShouldBeEmpty();
    }

    [Fact]
    public void Method_reply_with_one_path()
    {
        BusctlJson.Single("""{"type":"o","data":["/org/freedesktop/systemd1/job/42"]}""").ShouldBe("/org/freedesktop/systemd1/job/42");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"o"}""")]
    [InlineData("""{"type":"o","data":[]}""")]
    public void Garbage_is_a_typed_failure(string json)
    {
        Should.Throw<SystemdException>(() => BusctlJson.Single(json));
    }
}

public class UnitObjectPathTests
{
    [Theory]
    [InlineData("nginx.service", "/org/freedesktop/systemd1/unit/nginx_2eservice")]
    [InlineData("postgresql@15-main.service", "/org/freedesktop/systemd1/unit/postgresql_4015_2dmain_2eservice")]
    [InlineData("systemd-journald.service", "/org/freedesktop/systemd1/unit/systemd_2djournald_2eservice")]
    [InlineData("9p.service", "/org/freedesktop/systemd1/unit/_39p_2eservice")]
    [InlineData("a_b.service", "/org/freedesktop/systemd1/unit/a_5fb_2eservice")]
    public void Escapes_like_bus_label_escape(string unit, string path) => UnitObjectPath.Of(unit).ShouldBe(path);
}
