// The machine side of exposure: the host's syscall groups and systemd version (from `systemd-analyze syscall-filter`
// and `systemd-analyze --version`, read once; exposure follows that version's systemd-analyze),
// a loaded unit's SecurityInfo over ISystemd, and unit files on disk for offline analysis.
using HardenTui.Core;
using HardenTui.Core.Directives;
using HardenTui.Core.Exposure;
using HardenTui.Core.Syscalls;
using HardenTui.Core.Units;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;
using HardenTui.Host.Units;

namespace HardenTui.Host.Exposure;

/// <param name="cache">Where the syscall-filter and version outputs are kept between runs (null: read them every time).</param>
public sealed class ExposureHost(IProcessRunner runner, ISystemd systemd, SyscallGroupCache? cache = null)
{
    private Task<SyscallGroups>? _groups;

    /// <summary>The host's syscall groups, read once (callers running at the same time share the one read).</summary>
    public Task<SyscallGroups> SyscallGroupsAsync(CancellationToken ct = default)
    {
        var groups = _groups ??= ReadGroupsAsync(ct);
        if (groups.IsFaulted || groups.IsCanceled) _groups = null;
        return groups;
    }

    /// <summary>
    /// From now on stand in for systemd <paramref name="systemdVersion"/> instead of this machine's: its recorded syscall
    /// groups (<see cref="SyscallGroups.Recorded"/>), and no systemd-analyze is run for them. For offline analysis.
    /// </summary>
    public ExposureHost StandInFor(int systemdVersion)
    {
        _groups = Task.FromResult(SyscallGroups.Recorded(systemdVersion));
        return this;
    }

    private async Task<SyscallGroups> ReadGroupsAsync(CancellationToken ct)
    {
        var key = cache?.Key();
        if (key is not null && cache!.Read(key) is { } hit && FromCache(hit.VersionLine, hit.Filter) is { } fromCache)
            return fromCache;
        // Both at once: each is a process start, and analyze pays for them before its first row.
        var filter = runner.RunAsync(new ProcessSpec("systemd-analyze", ["syscall-filter", "--no-pager"], Timeout: TimeSpan.FromSeconds(30)), ct);
        var versionRun = runner.RunAsync(new ProcessSpec("systemd-analyze", ["--version"], Timeout: TimeSpan.FromSeconds(30)), ct);
        var r = await filter;
        if (!r.Ok)
            throw new SystemdException($"systemd-analyze syscall-filter failed: {r.Stderr.Trim()}");
        var v = await versionRun;
        var versionLine = v.Stdout.Split('\n')[0];
        var version = SystemdVersions.Parse(versionLine)
            ?? throw new SystemdException($"systemd-analyze --version printed no version: {(v.Stdout + v.Stderr).Trim()}");
        var groups = SyscallGroups.Parse(r.Stdout, version);
        // Stored only when the key still holds afterwards (systemd was not upgraded while it ran).
        if (key is not null && cache!.Key() == key) cache.Write(key, versionLine, r.Stdout);
        return groups;
    }

    /// <summary>A cache entry that does not parse is a miss, never an error.</summary>
    private static SyscallGroups? FromCache(string versionLine, string filter)
    {
        if (SystemdVersions.Parse(versionLine) is not { } version) return null;
        try
        {
            return SyscallGroups.Parse(filter, version);
        }
        catch (BadInputException)
        {
            return null;
        }
    }

    /// <summary>
    /// <see cref="LoadedAsync"/> for many units at once: every request is sent before the first answer is awaited
    /// (one D-Bus connection, pipelined), and the syscall groups are read meanwhile. Results, and the first failure,
    /// come in the order given.
    /// </summary>
    public async Task<IReadOnlyList<SecurityInfo>> LoadedManyAsync(IReadOnlyList<string> units, bool forPreview = false, CancellationToken ct = default)
    {
        // The requests first (they wait on the connection), then the groups (a cache hit is read and parsed right here).
        var pending = units.Select(u => LoadedAsync(u, forPreview, ct)).ToList();
        await SyscallGroupsAsync(ct);
        var result = new List<SecurityInfo>(units.Count);
        foreach (var p in pending) result.Add(await p);
        return result;
    }

    /// <param name="forPreview">Also read the unit text, so previews that turn Protect*= settings off are exact.</param>
    public async Task<SecurityInfo> LoadedAsync(string unit, bool forPreview = false, CancellationToken ct = default)
    {
        var properties = await systemd.GetPropertiesAsync(unit, ct);
        var loadState = properties.String("LoadState");
        if (loadState != "loaded")
            throw new BadInputException($"unit {unit} is {loadState ?? "unknown"}, cannot analyze it");
        var unitText = forPreview ? await systemd.CatAsync(unit, ct) : null;
        return SecurityInfo.FromProperties(properties, await SyscallGroupsAsync(ct), unitText);
    }

    public async Task<SecurityInfo> OfflineAsync(string file, CancellationToken ct = default) =>
        SecurityInfo.FromUnit(ReadBeside(file), await SyscallGroupsAsync(ct));

    /// <summary>A unit file and the FILE.d/*.conf drop-ins next to it, in file-name order.</summary>
    public static EffectiveUnit ReadBeside(string file)
    {
        var main = UnitFileStore.Read(file);
        var dir = file + ".d";
        var dropIns = Directory.Exists(dir)
            ? EffectiveUnit.OrderDropIns(Directory.GetFiles(dir).Select(f => (0, f))).Select(UnitFileStore.Read).ToList()
            : [];
        return new EffectiveUnit(Path.GetFileName(file), main, dropIns);
    }
}
