namespace HardenTui.Core.Proposals;

/// <summary>
/// What bisecting found: the directives that work together (<see cref="Kept"/>), the ones dropped, and how many
/// real restarts it took. <see cref="BaseBroken"/>: the service fails even with none of our directives.
/// </summary>
public sealed record BisectResult<T>(IReadOnlyList<T> Kept, IReadOnlyList<Culprit<T>> Dropped, int Steps, bool BaseBroken);

/// <summary>A dropped directive; <see cref="Partners"/> are the ones it failed together with (empty: it fails alone).</summary>
public sealed record Culprit<T>(T Directive, IReadOnlyList<T> Partners);
