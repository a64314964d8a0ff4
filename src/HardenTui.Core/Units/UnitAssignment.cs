namespace HardenTui.Core.Units;

/// <summary>One "Key=Value" line of a unit file, with where it came from (value verbatim, specifiers unexpanded).</summary>
public sealed record UnitAssignment(string Section, string Key, string Value, string Path, int Line);
