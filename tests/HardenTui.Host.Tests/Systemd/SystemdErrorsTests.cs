using HardenTui.Host.Systemd;
using Shouldly;
using Tmds.DBus.Protocol;
using Xunit;

namespace HardenTui.Host.Tests.Systemd;

/// <summary>How D-Bus error replies become one-line, typed failures (the names are systemd's and the bus's own).</summary>
public class SystemdErrorsTests
{
    [Theory]
    [InlineData("org.freedesktop.DBus.Error.AccessDenied")]
    [InlineData("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired")]
    public void Refusal_for_lack_of_privilege_says_root_is_needed(string name)
    {
        var e = SystemdErrors.FromReply("RestartUnit nginx.service", "nginx.service", new DBusErrorReplyException(name, "Access denied\nsecond line"));
        e.ShouldBeOfType<SystemdAccessDeniedException>();
        e.Message.ShouldBe("RestartUnit nginx.service: permission denied by systemd (run as root to change services; Access denied)");
    }

    [Fact]
    public void No_such_unit_is_the_typed_not_found()
    {
        var e = SystemdErrors.FromReply("StartUnit x.service", "x.service", new DBusErrorReplyException("org.freedesktop.systemd1.NoSuchUnit", "Unit x.service not found."));
        e.ShouldBeOfType<UnitNotFoundException>().Unit.ShouldBe("x.service");
    }

    [Fact]
    public void A_bus_timeout_names_the_call()
    {
        var e = SystemdErrors.FromReply("daemon-reload", null, new DBusErrorReplyException("org.freedesktop.DBus.Error.NoReply", "Did not receive a reply."));
        e.Message.ShouldBe("daemon-reload: systemd did not answer in time (Did not receive a reply.)");
    }

    [Fact]
    public void Where_systemd_is_not_the_service_manager_it_says_so_and_points_to_the_sandbox()
    {
        var refused = new IOException("connect", new FileNotFoundException("No such file or directory"));

        var e = SystemdErrors.Unreachable("unix:path=/run/systemd/private", "systemd", refused, booted: false);

        e.Message.ShouldBe("cannot reach systemd: systemd is not the service manager on this machine (not PID 1); " +
            "`hardentui sandbox --install PKG -- hardentui COMMAND …` runs it against a throwaway real one");
        SystemdErrors.Unreachable("unix:path=/run/systemd/private", "systemd", refused, booted: true).Message.ShouldNotContain("sandbox");
    }
}
