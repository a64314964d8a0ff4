namespace HardenTui.Host.Health;

/// <summary>How a restart is judged: the user's probe (a shell command, run where the service runs) and how long
/// the service must stay active without restarting before it counts as working.</summary>
public sealed record HealthCheck(string? Probe, TimeSpan Settle)
{
    public static readonly HealthCheck Default = new(null, TimeSpan.FromSeconds(5));
}
