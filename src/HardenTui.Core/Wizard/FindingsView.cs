namespace HardenTui.Core.Wizard;

/// <summary>A snapshot of the findings, shaped for the trace screen.</summary>
public sealed record FindingsView(
    IReadOnlyList<SyscallCount> Syscalls,
    IReadOnlyList<FindingItem> Executed,
    IReadOnlyList<FindingItem> Written,
    IReadOnlyList<FindingItem> Sockets,
    IReadOnlyList<FindingItem> Capabilities,
    long EventCount)
{
    public static readonly FindingsView Empty = new([], [], [], [], [], 0);
}
