// ISystemd over systemd's own `busctl --json=short` (no D-Bus library is obtainable here). Jobs are enqueued with
// mode "replace" and awaited by polling the job object until it is gone, then judged by the unit's state.
using HardenTui.Host.Process;

namespace HardenTui.Host.Systemd;

public sealed class BusctlSystemd(IProcessRunner runner) : ISystemd
{
    private const string Dest = "org.freedesktop.systemd1";
    private const string ManagerPath = "/org/freedesktop/systemd1";
    private const string Manager = "org.freedesktop.systemd1.Manager";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public IProcessRunner Runner { get; } = runner;

    public async Task<IReadOnlyList<UnitStatus>> ListServicesAsync(CancellationToken ct = default)
    {
        var json = await CallAsync(["call", Dest, ManagerPath, Manager, "ListUnitsByPatterns", "asas", "0", "1", "*.service"], ct);
        return BusctlJson.Units(json).Where(u => u.LoadState != "not-found").OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<UnitProperties> GetPropertiesAsync(string unit, CancellationToken ct = default)
    {
        var path = BusctlJson.Single(await CallAsync(["call", Dest, ManagerPath, Manager, "LoadUnit", "s", unit], ct));
        var props = BusctlJson.Properties(await CallAsync(["call", Dest, path, "org.freedesktop.DBus.Properties", "GetAll", "s", ""], ct));
        var result = new UnitProperties(unit, props);
        if (result.String("LoadState") == "not-found")
            throw new UnitNotFoundException(unit);
        return result;
    }

    public async Task<IReadOnlyList<UnitProperties>> GetPropertiesManyAsync(IReadOnlyList<string> units, CancellationToken ct = default)
    {
        if (units.Count == 0) return [];
        // One shell in the target runs every GetAll; each prints one JSON line (or a marker when it fails).
        const string loop = "for p; do busctl --json=short call org.freedesktop.systemd1 \"$p\" org.freedesktop.DBus.Properties GetAll s '' 2>/dev/null || echo '{}'; done";
        var r = await Runner.RunAsync(new ProcessSpec("sh", ["-c", loop, "sh", .. units.Select(UnitObjectPath.Of)], Timeout: CallTimeout * 4), ct);
        if (!r.Ok) throw Failure("busctl GetAll (batch)", r);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != units.Count) throw new SystemdException($"busctl GetAll (batch): expected {units.Count} replies, got {lines.Length}");
        return units.Select((u, i) => new UnitProperties(u, lines[i] == "{}" ? new() : BusctlJson.Properties(lines[i])))
            .Where(p => p.Values.Count > 0 && p.String("LoadState") != "not-found").ToList();
    }

    public async Task DaemonReloadAsync(CancellationToken ct = default) =>
        await CallAsync(["--timeout=90", "call", Dest, ManagerPath, Manager, "Reload"], ct);

    public Task StartAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => JobAsync("StartUnit", unit, timeout, ct);
    public Task StopAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => JobAsync("StopUnit", unit, timeout, ct);
    public Task RestartAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => JobAsync("RestartUnit", unit, timeout, ct);

    public async Task<string> CatAsync(string unit, CancellationToken ct = default)
    {
        var r = await Runner.RunAsync(new ProcessSpec("systemctl", ["cat", "--no-pager", "--", unit], Timeout: CallTimeout), ct);
        if (!r.Ok) throw Failure($"systemctl cat {unit}", r);
        return r.Stdout;
    }

    private async Task JobAsync(string method, string unit, TimeSpan timeout, CancellationToken ct)
    {
        var job = BusctlJson.Single(await CallAsync(["call", Dest, ManagerPath, Manager, method, "ss", unit, "replace"], ct));
        var until = DateTime.UtcNow + timeout;
        while (await JobExistsAsync(job, ct))
        {
            if (DateTime.UtcNow > until)
                throw new SystemdException($"{method} {unit}: the job did not finish within {timeout.TotalSeconds:0} s");
            await Task.Delay(25, ct);
        }
        if (method == "StopUnit") return;
        var p = await GetPropertiesAsync(unit, ct);
        var active = p.String("ActiveState");
        if (active == "failed" || (active == "inactive" && p.String("Result") != "success"))
            throw new SystemdException($"Job for {unit} failed: ActiveState={active}, SubState={p.String("SubState")}, Result={p.String("Result")}. See 'journalctl -u {unit}'.");
    }

    private async Task<bool> JobExistsAsync(string job, CancellationToken ct)
    {
        var r = await Runner.RunAsync(new ProcessSpec("busctl", ["--json=short", "get-property", Dest, job, "org.freedesktop.systemd1.Job", "State"], Timeout: CallTimeout), ct);
        return r.Ok;
    }

    private async Task<string> CallAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var r = await Runner.RunAsync(new ProcessSpec("busctl", ["--json=short", .. args], Timeout: CallTimeout), ct);
        if (!r.Ok) throw Failure("busctl " + string.Join(' ', args.Take(6)), r);
        return r.Stdout;
    }

    private static SystemdException Failure(string what, ProcessResult r)
    {
        var message = (r.Stderr.Trim().Length > 0 ? r.Stderr : r.Stdout).Trim().Split('\n').Last();
        if (r.TimedOut) message = "timed out";
        return message.Contains("not found") && message.Contains("Unit")
            ? new SystemdException(message)
            : new SystemdException($"{what}: {message}");
    }
}
