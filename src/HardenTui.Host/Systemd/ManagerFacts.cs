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
}
