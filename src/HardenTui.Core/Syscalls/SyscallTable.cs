// The one x86_64 syscall table (embedded syscalls-x86_64.txt, numbers from the Linux UAPI unistd_64.h; sources in
// the file's header), read once. Two users: kernel SECCOMP audit records carry numbers, which Name() maps back;
// and systemd-analyze security skips group members that libseccomp cannot resolve on the native architecture
// (analyze-security.c syscall_names_in_filter: seccomp_syscall_resolve_name() < 0, 252), which Contains() answers.
// Every member of the 252.39 and 257.13 groups that libseccomp 2.5.4 or 2.6.0 resolves on x86_64 is in the table;
// the calls only 2.6.0 knows (Debian 13) are marked, since systemd-analyze skips what its own libseccomp cannot resolve.
using System.Collections.Frozen;

namespace HardenTui.Core.Syscalls;

public sealed class SyscallTable
{
    /// <summary>AUDIT_ARCH_X86_64 (include/uapi/linux/audit.h: EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE).</summary>
    public const string ArchX8664 = "c000003e";

    private static readonly Lazy<SyscallTable> X8664Table = new(() => Load("syscalls-x86_64.txt"));
    /// <summary>The first systemd whose Debian release ships libseccomp 2.6 (Debian 13, systemd 257).</summary>
    public const int SystemdWithLibseccomp26 = 257;

    private readonly FrozenDictionary<int, string> _names;
    private readonly FrozenSet<string> _known;
    private readonly FrozenSet<string> _knownSince26;

    private SyscallTable(Dictionary<int, string> names, HashSet<string> since26)
    {
        _names = names.ToFrozenDictionary();
        _known = names.Values.ToFrozenSet(StringComparer.Ordinal);
        _knownSince26 = since26.ToFrozenSet(StringComparer.Ordinal);
    }

    public static SyscallTable X8664 => X8664Table.Value;

    /// <summary>The table for an audit arch value, or null for architectures we do not map.</summary>
    public static SyscallTable? ForAuditArch(string arch) => arch.Equals(ArchX8664, StringComparison.OrdinalIgnoreCase) ? X8664 : null;

    public string? Name(int number) => _names.GetValueOrDefault(number);

    /// <summary>Whether the syscall exists on this architecture.</summary>
    public bool Contains(string name) => _known.Contains(name);

    /// <summary>
    /// Whether the libseccomp that comes with this systemd (Debian: 2.5.4 up to 254, 2.6.0 from 257) resolves the
    /// name on this architecture: what systemd-analyze security checks before it counts a group member.
    /// </summary>
    public bool Resolves(string name, int systemdVersion) =>
        _known.Contains(name) && (systemdVersion >= SystemdWithLibseccomp26 || !_knownSince26.Contains(name));

    private static SyscallTable Load(string resource)
    {
        using var stream = typeof(SyscallTable).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded");
        using var reader = new StreamReader(stream);
        var names = new Dictionary<int, string>();
        var since26 = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var parts = line.Split(' ');
            names[int.Parse(parts[0])] = parts[1];
            if (parts.Length > 2) since26.Add(parts[1]);
        }
        return new SyscallTable(names, since26);
    }
}
