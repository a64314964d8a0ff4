namespace HardenTui.Core.Directives;

/// <summary>
/// One sandboxing or hardening directive: the level it belongs to, what kind of value it takes, the value the
/// wizard proposes when nothing speaks against it, the systemd version that introduced it, a short explanation,
/// its man page and anchor, and what it implies or breaks.
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
    IReadOnlyList<string>? Interactions = null)
{
    public string ManPageUrl => $"https://www.freedesktop.org/software/systemd/man/{ManPage}.html#{Anchor}";
}
