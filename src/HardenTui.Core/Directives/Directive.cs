namespace HardenTui.Core.Directives;

/// <summary>
/// One sandboxing or hardening directive: the level it belongs to, what kind of value it takes, the value the
/// wizard proposes when nothing speaks against it, the systemd version that introduced it, a short explanation,
/// its man page and anchor, what it implies or breaks, and the values that arrived later than the directive
/// (ProtectControlGroups=strict: 257), each with its own version.
/// </summary>
public sealed record Directive(
    string Name,
    HardeningLevel Level,
    string Kind,
    string? SafeValue,
    int Since,
    string Explanation,
    string ManPage,
    string Anchor,
    IReadOnlyList<string>? Interactions = null,
    IReadOnlyList<DirectiveValue>? Values = null)
{
    public string ManPageUrl => $"https://www.freedesktop.org/software/systemd/man/{ManPage}.html#{Anchor}";

    /// <summary>The catalog entry for a named value (case-sensitive, as systemd parses them); null when not listed.</summary>
    public DirectiveValue? Value(string value) => Values?.FirstOrDefault(v => v.Value == value.Trim());

    /// <summary>
    /// The systemd version that understands this assignment: the value's own version when the catalog lists it,
    /// else the directive's (booleans, paths, lists).
    /// </summary>
    public int SinceFor(string value) => Math.Max(Since, Value(value)?.Since ?? Since);

    /// <summary>
    /// Whether the setting is a list (systemd.exec(5)): repeated assignments add up and an empty one resets what came
    /// before; every other kind keeps its last assignment. The list kinds, paths, and LoadCredential= (one per ID).
    /// </summary>
    public bool IsList => Kind.EndsWith("list", StringComparison.Ordinal) || Kind is "paths" or "credential";

    /// <summary>Whether a systemd of this version knows the directive and this value.</summary>
    public bool KnownIn(int systemdVersion, string? value = null) => systemdVersion >= (value is null ? Since : SinceFor(value));
}

/// <summary>A named value of a directive and the systemd version that introduced it.</summary>
public sealed record DirectiveValue(string Value, int Since, string? Explanation = null);
