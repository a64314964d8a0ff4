namespace HardenTui.Core.Findings;

/// <summary>One thing the service did (a path, a syscall, a capability), how often, and the first lines that show it.</summary>
public sealed record FindingItem(string Key, long Count, IReadOnlyList<string> Evidence);
