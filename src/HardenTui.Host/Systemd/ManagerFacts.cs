using HardenTui.Host.Process;

namespace HardenTui.Host.Systemd;

/// <summary>
/// What a profile's conditions are checked against: the running systemd's version (major number of the
/// Manager's Version property, "252.39-1~deb12u2" → 252) and its Architecture property, in systemd's own
/// names ("x86-64", "arm64"; src/basic/architecture.c, v252).
/// </summary>
public sealed record ManagerFacts(int Version, string Architecture)
{
    public static async Task<ManagerFacts> ReadAsync(ISystemd systemd, CancellationToken ct = default)
    {
        var version = await systemd.GetManagerStringAsync("Version", ct);
        var digits = new string(version.TakeWhile(char.IsAsciiDigit).ToArray());
        if (!int.TryParse(digits, out var major)) throw new SystemdException($"systemd reports an unreadable version '{version}'");
        return new ManagerFacts(major, await systemd.GetManagerStringAsync("Architecture", ct));
    }

    /// <summary>
    /// The running manager's version as the first line of `systemctl --version` reads ("systemd 252 (252.39-1~deb12u2)"),
    /// from its Version property: the systemd that <paramref name="runner"/> reaches (a sandbox's for a sandbox
    /// runner), with no systemctl process. It is the manager that parses a drop-in, so its version is the one that counts.
    /// </summary>
    public static async Task<string> VersionLineAsync(IProcessRunner runner, CancellationToken ct = default)
    {
        using var systemd = DbusSystemd.For(runner);
        var version = await systemd.GetManagerStringAsync("Version", ct);
        var major = new string(version.TakeWhile(char.IsAsciiDigit).ToArray());
        if (major.Length == 0) throw new SystemdException($"systemd reports an unreadable version '{version}'");
        return $"systemd {major} ({version})";
    }
}
