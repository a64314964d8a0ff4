namespace HardenTui.Host.Health;

/// <summary>How a restart is judged: the user's probe (a shell command, run where the service runs) and how long
/// the service must stay active without restarting before it counts as working.</summary>
public sealed record HealthCheck(string? Probe, TimeSpan Settle)
{
    public static readonly HealthCheck Default = new(null, TimeSpan.FromSeconds(5));

    /// <summary>What a healthy verdict means, in one line for the user.</summary>
    public string Describe() =>
        $"active and not restarting for {Settle.TotalSeconds:0} s" + (Probe is { Length: > 0 } p ? $", probe `{p}` passes" : ", no probe given")
        + ", and no SIGSYS, 203/EXEC, 226/NAMESPACE, 218/CAPABILITIES or EPERM/EACCES burst in its journal";
}
