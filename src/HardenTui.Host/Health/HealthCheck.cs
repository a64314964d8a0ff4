namespace HardenTui.Host.Health;

/// <summary>How a restart is judged: the user's probe (a shell command, run where the service runs) and how long
/// the service must stay active without restarting before it counts as working. Then the everyday checks: a reload
/// where the unit can reload (<see cref="Reload"/>), and a soak of <see cref="Soak"/> watching the journal and the
/// kernel log for denials of the unit's processes.</summary>
public sealed record HealthCheck(string? Probe, TimeSpan Settle)
{
    public static readonly HealthCheck Default = new(null, TimeSpan.FromSeconds(5));

    /// <summary>The soak `apply --auto` and the wizard use unless told otherwise.</summary>
    public static readonly TimeSpan DefaultSoak = TimeSpan.FromSeconds(60);

    /// <summary>After the restart, `systemctl reload` where the unit can reload, then active and the probe again.</summary>
    public bool Reload { get; init; } = true;

    /// <summary>How long to watch the journal and the kernel log after the checks pass (zero: no soak).</summary>
    public TimeSpan Soak { get; init; }

    /// <summary>What a healthy verdict means, in one line for the user.</summary>
    public string Describe() =>
        $"active and not restarting for {Settle.TotalSeconds:0} s" + (Probe is { Length: > 0 } p ? $", probe `{p}` passes" : ", no probe given")
        + ", and no SIGSYS, 203/EXEC, 226/NAMESPACE, 218/CAPABILITIES or EPERM/EACCES/EROFS burst in its journal"
        + (Reload ? "; it must survive `systemctl reload` where it can reload" : "")
        + (Soak > TimeSpan.Zero ? $"; then {Soak.TotalSeconds:0} s of soak with no denial in the journal or the kernel log" : "");
}
