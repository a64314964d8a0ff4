// Which syscall names exist on x86_64: systemd-analyze skips group members that libseccomp cannot resolve on
// the native architecture (analyze-security.c syscall_names_in_filter: seccomp_syscall_resolve_name() < 0).
// The list is the x86_64 resolution of every group member by libseccomp 2.5.4 (systemd 252.39 and 257.13 groups).
using System.Reflection;

namespace HardenTui.Core.Exposure;

internal static class NativeSyscalls
{
    private static readonly Lazy<HashSet<string>> Names = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("HardenTui.Core.Exposure.syscalls-x86_64.txt")
            ?? throw new InvalidOperationException("syscalls-x86_64.txt resource missing");
        using var reader = new StreamReader(stream);
        return new HashSet<string>(reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
    });

    public static bool Contains(string name) => Names.Value.Contains(name);
}
