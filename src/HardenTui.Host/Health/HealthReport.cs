namespace HardenTui.Host.Health;

/// <summary>The verdict after a restart: healthy, or the problems seen (each one line a user can act on).</summary>
public sealed record HealthReport(IReadOnlyList<string> Problems)
{
    public bool Healthy => Problems.Count == 0;

    public override string ToString() => Healthy ? "healthy" : string.Join("; ", Problems);
}
