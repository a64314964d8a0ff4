using System.Text.Json;
using HardenTui.Host.Process;

namespace HardenTui.Host.Systemd;

/// <summary>
/// What a profile's conditions are checked against: the running systemd's version (major number of the
/// Manager's Version property, "252.39-1~deb12u2" → 252) and its Architecture property, in systemd's own
/// names ("x86-64", "arm64"; src/basic/architecture.c, v252).
/// </summary>
public sealed record ManagerFacts(int Version, string Architecture)
{
    public static async Task<ManagerFacts> ReadAsync(IProcessRunner runner, CancellationToken ct = default)
    {
        var version = await PropertyAsync(runner, "Version", ct);
        var digits = new string(version.TakeWhile(char.IsAsciiDigit).ToArray());
        if (!int.TryParse(digits, out var major)) throw new SystemdException($"systemd reports an unreadable version '{version}'");
        return new ManagerFacts(major, await PropertyAsync(runner, "Architecture", ct));
    }

    private static async Task<string> PropertyAsync(IProcessRunner runner, string name, CancellationToken ct)
    {
        var r = await runner.RunAsync(new ProcessSpec("busctl", ["--json=short", "get-property", "org.freedesktop.systemd1",
            "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", name], Timeout: TimeSpan.FromSeconds(10)), ct);
        if (!r.Ok) throw new SystemdException($"busctl get-property Manager {name}: {r.Stderr.Trim().Split('\n').Last()}");
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.GetProperty("data").GetString() ?? "";
    }
}
