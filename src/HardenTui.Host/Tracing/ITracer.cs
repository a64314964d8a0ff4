using HardenTui.Core.Findings;

namespace HardenTui.Host.Tracing;

/// <summary>
/// A way to watch a service (strace wrapper, attach, audit execve, SystemCallLog). Start returns a running trace;
/// stopping it restores the unit and leaves nothing of ours behind.
/// </summary>
public interface ITracer
{
    /// <summary>"strace", "attach", "audit" or "syscall-log".</summary>
    string Method { get; }

    /// <summary>What this method sees and misses, in one sentence for the user.</summary>
    string Sees { get; }

    /// <summary>Null when this method can trace the unit here, else why not (shown to the user as is).</summary>
    Task<string?> UnavailableReasonAsync(string unit, CancellationToken ct = default);

    Task<IRunningTrace> StartAsync(string unit, TraceOptions options, CancellationToken ct = default);
}

public sealed record TraceOptions
{
    /// <summary>How long starting or stopping the unit may take.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How often new trace output is read while the trace runs.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>The systemd @groups of a syscall, for the findings' group lists.</summary>
    public Func<string, IEnumerable<string>>? GroupsOf { get; init; }
    /// <summary>The ELF loader / #! interpreter of an executed file.</summary>
    public Func<string, string?>? InterpreterOf { get; init; }
}

/// <summary>A trace in progress: live findings at any moment, and a stop that restores the unit.</summary>
public interface IRunningTrace : IAsyncDisposable
{
    string Unit { get; }
    /// <summary>Findings so far; cheap, safe to call from any thread while the trace runs.</summary>
    Findings Snapshot();
    /// <summary>Stops tracing, restores the unit to how it was, reads the rest of the output and returns the findings.</summary>
    Task<Findings> StopAsync(CancellationToken ct = default);
}
