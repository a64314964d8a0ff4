namespace HardenTui.Core.Proposals;

/// <summary>
/// What the unit already sets, directive → value in `systemctl show` spelling (booleans "yes"/"no"; list
/// directives present only when set). The resolver never proposes a value weaker than these, and never adds
/// to a list directive the unit already sets (systemd merges repeated allow-lists by union, which would widen).
/// </summary>
public sealed class CurrentHardening(IReadOnlyDictionary<string, string> values)
{
    public static CurrentHardening Nothing { get; } = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public string? this[string directive] => Values.TryGetValue(directive, out var v) && v.Length > 0 ? v : null;

    public bool IsSet(string directive) => this[directive] is not null;

    public bool IsYes(string directive) => this[directive] is "yes" or "true" or "1" or "on";

    /// <summary>Position of the current value in a least→most strict ladder (-1 if unset or unknown).</summary>
    public int Rank(string directive, params string[] ladder) => this[directive] is { } v ? Array.IndexOf(ladder, v) : -1;
}
