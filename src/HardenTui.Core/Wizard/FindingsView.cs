namespace HardenTui.Core.Wizard;

/// <summary>A snapshot of the findings, shaped for the trace screen.</summary>
public sealed record FindingsView(
    IReadOnlyList<SyscallCount> Syscalls,
    IReadOnlyList<TraceItem> Executed,
    IReadOnlyList<TraceItem> Written,
    IReadOnlyList<TraceItem> Sockets,
    IReadOnlyList<TraceItem> Capabilities,
    long EventCount)
{
    public static readonly FindingsView Empty = new([], [], [], [], [], 0);
}
