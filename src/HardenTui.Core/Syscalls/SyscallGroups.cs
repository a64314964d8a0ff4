// The system-call groups (@default, @file-system, …) as the target host's systemd defines them. They are read
// from `systemd-analyze syscall-filter` output rather than frozen at build time, because membership changes
// between systemd versions (src/shared/seccomp-util.c, syscall_filter_sets[]; e.g. 252.39 added fchmodat2 to
// @file-system, 257 added @sandbox to @default).
namespace HardenTui.Core.Syscalls;

public sealed class SyscallGroups
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, string> _descriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _direct = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _resolved = new(StringComparer.Ordinal);
    private Dictionary<string, List<string>>? _groupsBySyscall;

    private SyscallGroups() { }

    /// <summary>
    /// The major version of the systemd these groups were read from. Exposure follows it (offline PrivateMounts=,
    /// the values its parser accepts, which syscalls its libseccomp resolves), so one object tells Core which
    /// systemd it stands in for.
    /// </summary>
    public int SystemdVersion { get; private init; } = Directives.SystemdVersions.Baseline;

    /// <summary>Group names in the order systemd lists them, each with its leading '@'.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>
    /// Parses `systemd-analyze syscall-filter` output: "@name" lines open a group, an indented "# text" line is
    /// its help text, other indented lines are members (syscall names or nested "@group" references). Lines
    /// starting with '#' in column 0 (ungrouped / unlisted system calls) are commentary and ignored.
    /// </summary>
    public static SyscallGroups Parse(string text, int systemdVersion = Directives.SystemdVersions.Baseline)
    {
        var groups = new SyscallGroups { SystemdVersion = systemdVersion };
        List<string>? current = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
                continue;
            if (line[0] == '#')
            {
                current = null;
                continue;
            }
            if (line[0] == '@')
            {
                var name = line.Trim();
                if (groups._direct.ContainsKey(name))
                    throw new BadInputException($"syscall-filter output line {lineNumber}: group {name} listed twice");
                current = [];
                groups._names.Add(name);
                groups._direct[name] = current;
                continue;
            }
            var entry = line.Trim();
            if (current is null)
                throw new BadInputException($"syscall-filter output line {lineNumber}: '{entry}' is outside any group");
            if (entry.StartsWith('#'))
                groups._descriptions[groups._names[^1]] = entry.TrimStart('#').Trim();
            else if (entry.Length > 0)
                current.Add(entry);
        }
        if (groups._names.Count == 0)
            throw new BadInputException("syscall-filter output lists no groups");
        foreach (var name in groups._names)
            groups.Members(name); // resolves every nesting now, so dangling or cyclic references fail at parse time
        return groups;
    }

    /// <summary>
    /// The systemd versions whose `systemd-analyze syscall-filter` listing ships with HardenTui (recorded from Debian's
    /// systemd of that version, in Syscalls/recorded/; tests/HardenTui.Host.Tests/golden/regen.sh rewrites them).
    /// </summary>
    public static readonly IReadOnlyList<int> RecordedVersions = [252, 254, 257];

    /// <summary>
    /// The groups of systemd <paramref name="systemdVersion"/> as recorded: the listing of the newest recorded version
    /// not newer than it (255 and 256 get 254's, 258 gets 257's), with <see cref="SystemdVersion"/> the one asked for,
    /// so the rest of exposure follows that version. For analysing unit files as another systemd than this machine's.
    /// </summary>
    public static SyscallGroups Recorded(int systemdVersion)
    {
        var recorded = RecordedFor(systemdVersion)
            ?? throw new BadInputException($"no syscall groups recorded for systemd {systemdVersion} (oldest: {RecordedVersions[0]})");
        using var stream = typeof(SyscallGroups).Assembly.GetManifestResourceStream($"syscall-filter-{recorded}.txt")
            ?? throw new InvalidOperationException($"syscall-filter-{recorded}.txt is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), systemdVersion);
    }

    /// <summary>The recorded listing <see cref="Recorded"/> uses for a version; null when it is older than all of them.</summary>
    public static int? RecordedFor(int systemdVersion) =>
        RecordedVersions.Where(v => v <= systemdVersion).Cast<int?>().LastOrDefault();

    public bool IsGroup(string name) => _direct.ContainsKey(name);

    public string Description(string group) => _descriptions.GetValueOrDefault(Known(group), "");

    /// <summary>Members as listed, nested groups kept as "@group" entries.</summary>
    public IReadOnlyList<string> DirectMembers(string group) => _direct[Known(group)];

    /// <summary>
    /// Every syscall of the group with nested groups expanded in place (first occurrence wins), in the order
    /// systemd meets them when it compiles a filter.
    /// </summary>
    public IReadOnlyList<string> Members(string group)
    {
        Known(group);
        if (_resolved.TryGetValue(group, out var cached))
            return cached;
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Expand(group, result, seen, []);
        _resolved[group] = result;
        return result;
    }

    /// <summary>The groups (nested membership resolved) that contain the syscall, in listing order.</summary>
    public IReadOnlyList<string> GroupsOf(string syscall)
    {
        _groupsBySyscall ??= BuildIndex();
        return _groupsBySyscall.TryGetValue(syscall, out var groups) ? groups : [];
    }

    private Dictionary<string, List<string>> BuildIndex()
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var group in _names)
            foreach (var syscall in Members(group))
            {
                if (!index.TryGetValue(syscall, out var list))
                    index[syscall] = list = [];
                list.Add(group);
            }
        return index;
    }

    private void Expand(string group, List<string> into, HashSet<string> seen, HashSet<string> path)
    {
        if (!path.Add(group))
            throw new BadInputException($"syscall group {group} contains itself");
        foreach (var member in _direct[group])
        {
            if (member.StartsWith('@'))
            {
                if (!_direct.ContainsKey(member))
                    throw new BadInputException($"syscall group {group} refers to unknown group {member}");
                Expand(member, into, seen, path);
            }
            else if (seen.Add(member))
                into.Add(member);
        }
        path.Remove(group);
    }

    private string Known(string group) =>
        _direct.ContainsKey(group) ? group : throw new BadInputException($"unknown syscall group '{group}'");
}
