using HardenTui.Core.Findings;
using HardenTui.Core.Wizard;

namespace HardenTui.Tui.AppHost;

/// <summary>Findings as the trace screen shows them; an item is new when the previous snapshot did not have it.</summary>
internal static class FindingsViews
{
    public static FindingsView From(Findings f, FindingsView? previous)
    {
        var seen = previous is null
            ? new HashSet<string>()
            : previous.Syscalls.Select(s => "s:" + s.Name)
                .Concat(previous.Executed.Concat(previous.Written).Concat(previous.Sockets).Concat(previous.Capabilities).Select(i => i.Text))
                .ToHashSet();
        TraceItem Item(string text) => new(text, previous is not null && !seen.Contains(text));
        IReadOnlyList<TraceItem> Items(params FindingKind[] kinds) => kinds.SelectMany(k => f[k]).Select(i => i.Key).Distinct().Select(Item).ToList(); // a path both created and written is listed once
        return new FindingsView(
            f.Syscalls.Select(s => new SyscallCount(s.Key, s.Count, previous is not null && !seen.Contains("s:" + s.Key))).ToList(),
            Items(FindingKind.ExecutedFile, FindingKind.ExecMappedFile),
            Items(FindingKind.PathWritten, FindingKind.PathCreated),
            Items(FindingKind.SocketFamily, FindingKind.BoundAddress),
            Items(FindingKind.Capability),
            f.Stats.CallsStarted);
    }
}
