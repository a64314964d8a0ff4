using System.Text;

namespace HardenTui.Core.Findings;

/// <summary>
/// Findings as a plain report: one titled section per non-empty kind, items with counts and the first evidence
/// line. Every syscall is listed (the rare ones are what a filter decides on), in columns, most called first.
/// </summary>
public static class FindingsText
{
    private static readonly Dictionary<FindingKind, string> Titles = new()
    {
        [FindingKind.Syscall] = "System calls, by calls started",
        [FindingKind.ExecutedFile] = "Executed files",
        [FindingKind.Interpreter] = "ELF loaders and #! interpreters of executed files",
        [FindingKind.ExecMappedFile] = "Files mapped executable (libraries, plugins)",
        [FindingKind.Capability] = "Capabilities implied",
        [FindingKind.PathRead] = "Paths read",
        [FindingKind.PathWritten] = "Paths written",
        [FindingKind.PathCreated] = "Paths created",
        [FindingKind.SocketFamily] = "Socket families",
        [FindingKind.BoundAddress] = "Bound addresses",
        [FindingKind.Namespace] = "Namespaces",
        [FindingKind.Mount] = "Mounts",
        [FindingKind.Clock] = "Clock changes",
        [FindingKind.Hostname] = "Hostname changes",
        [FindingKind.Keyring] = "Kernel keyring",
        [FindingKind.Personality] = "Personality",
        [FindingKind.Realtime] = "Realtime scheduling",
        [FindingKind.WriteExecute] = "Writable+executable memory",
        [FindingKind.Denied] = "Denied (EPERM, EACCES)",
    };

    /// <summary>Groups every syscall belongs to; listing them would repeat the syscall section.</summary>
    private static readonly HashSet<string> Uninformative = ["@known"];

    private const int SyscallColumns = 3;

    public static string Write(Findings findings, int itemsPerKind = int.MaxValue)
    {
        var s = new StringBuilder();
        var st = findings.Stats;
        s.AppendLine($"{st.Lines} lines, {st.CallsStarted} calls started, {st.Processes} processes, {st.GarbageLines} lines skipped");
        if (st.Lines == 0) s.AppendLine("Nothing was recorded.");
        foreach (var kind in Enum.GetValues<FindingKind>())
        {
            var items = findings[kind];
            if (items.Count == 0) continue;
            s.AppendLine().AppendLine($"{Titles[kind]} ({items.Count})");
            if (kind == FindingKind.Syscall)
            {
                WriteColumns(s, items.OrderByDescending(i => i.Count).ThenBy(i => i.Key, StringComparer.Ordinal).ToList());
                continue;
            }
            foreach (var item in items.Take(itemsPerKind))
                s.AppendLine($"  {item.Count,7}  {item.Key}    e.g. {item.Evidence.FirstOrDefault()?.Replace("\n", " / ")}");
            if (items.Count > itemsPerKind) s.AppendLine($"  ... {items.Count - itemsPerKind} more");
        }
        var groups = findings.SyscallGroups.Where(g => !Uninformative.Contains(g.Group)).ToList();
        if (groups.Count > 0)
        {
            s.AppendLine().AppendLine("Syscall groups used (systemd @groups on this machine)");
            foreach (var g in groups) s.AppendLine($"  {g.Group}: {string.Join(' ', g.Syscalls)}");
        }
        return s.ToString();
    }

    /// <summary>Column-major, so reading down a column follows the order.</summary>
    private static void WriteColumns(StringBuilder s, IReadOnlyList<FindingItem> items)
    {
        var rows = (items.Count + SyscallColumns - 1) / SyscallColumns;
        for (var r = 0; r < rows; r++)
        {
            var line = new StringBuilder(" ");
            for (var c = 0; c < SyscallColumns && c * rows + r < items.Count; c++)
            {
                var item = items[c * rows + r];
                line.Append($" {item.Count,7}  {item.Key,-17}");
            }
            s.AppendLine(line.ToString().TrimEnd());
        }
    }
}
