using System.Text;

namespace HardenTui.Core.Findings;

/// <summary>Findings as a plain report: one section per non-empty kind, items with counts, the first evidence line.</summary>
public static class FindingsText
{
    public static string Write(Findings findings, int itemsPerKind = 40)
    {
        var s = new StringBuilder();
        var st = findings.Stats;
        s.AppendLine($"{st.Lines} lines, {st.CallsStarted} calls started, {st.Processes} processes, {st.GarbageLines} lines skipped");
        foreach (var kind in Enum.GetValues<FindingKind>())
        {
            var items = findings[kind];
            if (items.Count == 0) continue;
            s.AppendLine().AppendLine($"{kind} ({items.Count})");
            var shown = kind == FindingKind.Syscall ? items.OrderByDescending(i => i.Count).ThenBy(i => i.Key, StringComparer.Ordinal) : items.AsEnumerable();
            foreach (var item in shown.Take(itemsPerKind))
            {
                s.AppendLine(kind == FindingKind.Syscall ? $"  {item.Count,9}  {item.Key}" : $"  {item.Count,9}  {item.Key}    e.g. {item.Evidence.FirstOrDefault()?.Replace("\n", " / ")}");
            }
            if (items.Count > itemsPerKind) s.AppendLine($"  ... {items.Count - itemsPerKind} more");
        }
        if (findings.SyscallGroups.Count > 0)
        {
            s.AppendLine().AppendLine("Syscall groups used");
            foreach (var g in findings.SyscallGroups) s.AppendLine($"  {g.Group}: {string.Join(' ', g.Syscalls)}");
        }
        return s.ToString();
    }
}
