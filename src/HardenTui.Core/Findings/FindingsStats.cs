namespace HardenTui.Core.Findings;

/// <summary>How much trace went in: lines, calls started, lines skipped as garbage, processes seen.</summary>
public sealed record FindingsStats(long Lines, long CallsStarted, long GarbageLines, int Processes);
