using HardenTui.Core.Findings;

namespace HardenTui.Host.Tracing;

/// <summary>Where a running trace's lines come from (a trace file, the kernel log), and how a line feeds findings.</summary>
internal interface ITraceSource
{
    /// <summary>Reads what is new; returns false when nothing was.</summary>
    Task<bool> PollAsync(Action<string> onLine, CancellationToken ct);

    /// <summary>Reads until nothing more comes.</summary>
    Task DrainAsync(Action<string> onLine, CancellationToken ct);

    void Feed(FindingsBuilder builder, string line);
}
