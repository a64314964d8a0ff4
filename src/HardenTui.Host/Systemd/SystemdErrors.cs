using Tmds.DBus.Protocol;

namespace HardenTui.Host.Systemd;

/// <summary>D-Bus failures as one line each: what was asked, and systemd's (or the kernel's) own reason.</summary>
internal static class SystemdErrors
{
    public static SystemdException FromReply(string what, string? unit, DBusErrorReplyException e) => e.ErrorName switch
    {
        "org.freedesktop.systemd1.NoSuchUnit" or "org.freedesktop.systemd1.LoadFailed" when unit is not null => new UnitNotFoundException(unit),
        "org.freedesktop.DBus.Error.AccessDenied" or "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired"
            => new SystemdAccessDeniedException($"{what}: permission denied by systemd (run as root to change services; {OneLine(e.ErrorMessage)})"),
        "org.freedesktop.DBus.Error.NoReply" or "org.freedesktop.DBus.Error.Timeout" or "org.freedesktop.DBus.Error.TimedOut"
            => new SystemdException($"{what}: systemd did not answer in time ({OneLine(e.ErrorMessage)})"),
        _ => new SystemdException($"{what}: {OneLine(e.ErrorMessage)} ({e.ErrorName})"),
    };

    /// <param name="booted">Whether this machine was booted with systemd (sd_booted(): /run/systemd/system exists); read when not given.</param>
    public static SystemdException Unreachable(string address, string where, Exception e, bool? booted = null)
    {
        var path = address.StartsWith("unix:path=", StringComparison.Ordinal) ? address["unix:path=".Length..] : address;
        var reason = OneLine(e.InnerException?.Message ?? e.Message);
        // A container or CI box without systemd: say so and where a real one is, not only which socket is missing.
        if (path == "/run/systemd/private" && !(booted ?? Directory.Exists("/run/systemd/system")))
            return new SystemdException($"cannot reach {where}: systemd is not the service manager on this machine (not PID 1); " +
                "`hardentui sandbox --install PKG -- hardentui COMMAND …` runs it against a throwaway real one");
        if (path.EndsWith("/run/systemd/private", StringComparison.Ordinal) && !Environment.IsPrivilegedProcess)
            return new SystemdAccessDeniedException($"cannot reach {where}: no system bus runs here and systemd's private socket {path} is for root only");
        if (!File.Exists(path) && path.StartsWith('/'))
            return new SystemdException($"cannot reach {where}: {path} does not exist (is systemd the service manager here, with a running D-Bus?)");
        return new SystemdException($"cannot reach {where} at {path}: {reason}");
    }

    public static string OneLine(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}
