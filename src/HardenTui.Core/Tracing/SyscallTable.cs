using System.Collections.Frozen;

namespace HardenTui.Core.Tracing;

/// <summary>
/// Syscall numbers to names for an audit architecture (the "arch=" of kernel audit records). x86_64 only for now,
/// from the embedded syscalls-x86_64.txt (Linux UAPI unistd_64.h; source noted in the file's first line).
/// </summary>
public sealed class SyscallTable
{
    /// <summary>AUDIT_ARCH_X86_64 (include/uapi/linux/audit.h: EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE).</summary>
    public const string ArchX8664 = "c000003e";

    private static readonly Lazy<SyscallTable> X8664Table = new(() => Load("syscalls-x86_64.txt"));
    private readonly FrozenDictionary<int, string> _names;

    private SyscallTable(FrozenDictionary<int, string> names) => _names = names;

    public static SyscallTable X8664 => X8664Table.Value;

    /// <summary>The table for an audit arch value, or null for architectures we do not map.</summary>
    public static SyscallTable? ForAuditArch(string arch) => arch.Equals(ArchX8664, StringComparison.OrdinalIgnoreCase) ? X8664 : null;

    public string? Name(int number) => _names.GetValueOrDefault(number);

    private static SyscallTable Load(string resource)
    {
        using var stream = typeof(SyscallTable).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded");
        using var reader = new StreamReader(stream);
        var names = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var parts = line.Split(' ');
            names[int.Parse(parts[0])] = parts[1];
        }
        return new SyscallTable(names.ToFrozenDictionary());
    }
}
