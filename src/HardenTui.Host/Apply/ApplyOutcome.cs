using HardenTui.Core.Overrides;
using HardenTui.Host.Health;

namespace HardenTui.Host.Apply;

/// <summary>
/// How an apply ended: <see cref="Applied"/> is the drop-in now in place (null when rolled back),
/// <see cref="Dropped"/> the directives bisect took out and why, <see cref="Restarts"/> how many real restarts it took.
/// </summary>
public sealed record ApplyOutcome(DropIn? Applied, IReadOnlyList<DroppedDirective> Dropped, HealthReport LastReport, int Restarts)
{
    public bool Hardened => Applied is not null;
}

/// <summary>A directive bisect had to drop: its lines, what it failed together with, and the health problems seen.</summary>
public sealed record DroppedDirective(IReadOnlyList<DropInDirective> Lines, IReadOnlyList<string> Partners, HealthReport Report);

/// <summary>What a bisect that keeps nothing found: the directives that break the service (none when
/// <see cref="BaseBroken"/>: it fails even without the drop-in), and how many real restarts it took.</summary>
public sealed record BisectOutcome(IReadOnlyList<DroppedDirective> Dropped, bool BaseBroken, int Restarts);
