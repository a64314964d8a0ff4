namespace HardenTui.Host.Process;

/// <summary>
/// Runs a program to completion. One implementation runs on this machine; the sandbox's runs inside the container
/// (nsenter), so every adapter built on this works unchanged on the host or in the sandbox.
/// </summary>
public interface IProcessRunner
{
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct = default);

    /// <summary>Starts a long-running program whose stdout lines are streamed to <paramref name="onLine"/>.</summary>
    RunningProcess Start(ProcessSpec spec, Action<string>? onLine = null);
}
