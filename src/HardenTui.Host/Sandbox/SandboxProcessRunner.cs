using HardenTui.Host.Process;

namespace HardenTui.Host.Sandbox;

/// <summary>Runs programs inside the sandbox: `nsenter -t LEADER -a -- PROGRAM ARGS…` (all namespaces, its root).</summary>
public sealed class SandboxProcessRunner(int leaderPid) : IProcessRunner
{
    public int LeaderPid { get; } = leaderPid;

    internal static string[] EnterArgs(int leaderPid) => ["-t", leaderPid.ToString(), "-a", "--"];

    private ProcessSpec Wrap(ProcessSpec spec) => spec with { File = "nsenter", Args = [.. EnterArgs(LeaderPid), spec.File, .. spec.Args] };

    public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct = default) =>
        LocalProcessRunner.Instance.RunAsync(Wrap(spec), ct);

    public RunningProcess Start(ProcessSpec spec, Action<string>? onLine = null) =>
        LocalProcessRunner.Instance.Start(Wrap(spec), onLine);
}
