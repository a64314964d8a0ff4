using HardenTui.Host.Process;

namespace HardenTui.Host.Apply;

/// <summary>
/// A syscall group's members as this machine's systemd defines them, nested groups expanded: parsed from
/// `systemd-analyze syscall-filter` (one "@group" line, then indented members, "@other" for nested groups,
/// "#" comments), so the allow-list matches the systemd that will enforce it.
/// </summary>
public static class SyscallGroupMembers
{
    public static async Task<IReadOnlySet<string>> ReadAsync(IProcessRunner runner, string group, CancellationToken ct = default)
    {
        var r = await runner.RunAsync(new ProcessSpec("systemd-analyze", ["syscall-filter", "--no-pager"], Timeout: TimeSpan.FromSeconds(30)), ct);
        return r.Ok ? Expand(Parse(r.Stdout), group) : new HashSet<string>();
    }

    internal static Dictionary<string, List<string>> Parse(string text)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('#')) { if (!char.IsWhiteSpace(raw[0])) current = null; continue; }
            if (!char.IsWhiteSpace(raw[0]) && line.StartsWith('@')) groups[line] = current = [];
            else current?.Add(line);
        }
        return groups;
    }

    internal static HashSet<string> Expand(Dictionary<string, List<string>> groups, string group, HashSet<string>? seen = null)
    {
        seen ??= [];
        var members = new HashSet<string>(StringComparer.Ordinal);
        if (!seen.Add(group) || !groups.TryGetValue(group, out var list)) return members;
        foreach (var m in list)
            if (m.StartsWith('@')) members.UnionWith(Expand(groups, m, seen));
            else members.Add(m);
        return members;
    }
}
