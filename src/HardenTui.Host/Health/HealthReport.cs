namespace HardenTui.Host.Health;

/// <summary>The verdict after a restart: healthy, or the problems seen (each one line a user can act on).</summary>
public sealed record HealthReport(IReadOnlyList<string> Problems)
{
    public bool Healthy => Problems.Count == 0;

    /// <summary>The problems were seen only by the soak: the restart, settle, probe, journal scan and reload had passed.</summary>
    public bool InSoak { get; init; }

    public override string ToString() => Healthy ? "healthy" : string.Join("; ", Problems);
}
