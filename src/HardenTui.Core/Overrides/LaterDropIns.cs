// What the drop-ins systemd reads after ours do to our lines. systemd.unit(5) and standard-conf (252, 257): a unit's
// drop-ins are sorted by file name across all its drop-in directories (/etc, /run, /usr/lib …), a file in a
// directory of higher precedence hiding one of the same name below it, and applied in that order after the unit
// file. So for a single-valued setting the last assignment wins; for a list an empty assignment resets what came
// before and a non-empty one adds to it. A user's `systemctl edit` (override.conf) sorts after 90-hardentui.conf.
using HardenTui.Core.Directives;
using HardenTui.Core.Exposure;
using HardenTui.Core.Units;

namespace HardenTui.Core.Overrides;

/// <summary>What a later drop-in does to one directive of ours.</summary>
public enum OverrideKind
{
    /// <summary>A single-valued setting assigned again later: the later value is the one in force.</summary>
    Replaced,
    /// <summary>A list emptied later (Key= with no value): nothing of ours is left.</summary>
    Reset,
    /// <summary>A list added to later: ours stays in force, with more.</summary>
    Extended,
    /// <summary>Our whole file is hidden by a file of the same name in a directory systemd reads first.</summary>
    Masked,
}

/// <param name="Directive">Our directive's name.</param>
/// <param name="Value">Our value (the last of our lines for it).</param>
/// <param name="Path">The later file that decides (for a list reset, the last reset; for an extension, the first addition).</param>
/// <param name="Line">Its line number (0 for <see cref="OverrideKind.Masked"/>).</param>
/// <param name="By">The later line as written there ("ProtectSystem=false").</param>
public sealed record DropInOverride(string Directive, string Value, OverrideKind Kind, string Path, int Line, string By)
{
    /// <summary>Whether our line still counts (only an extension leaves it in force).</summary>
    public bool OursInForce => Kind == OverrideKind.Extended;

    /// <summary>One line for a reviewer: "ProtectSystem=strict is overridden by /etc/…/override.conf:3 (ProtectSystem=false)".</summary>
    public string Text => Kind switch
    {
        OverrideKind.Replaced => $"{Directive}={Value} is overridden by {Path}:{Line} ({By})",
        OverrideKind.Reset => $"{Directive}={Value} is reset by {Path}:{Line} ({By})",
        OverrideKind.Extended => $"{Directive}={Value} is extended by {Path}:{Line} ({By})",
        _ => $"{Directive}={Value} has no effect: {Path} hides our file",
    };
}

public static class LaterDropIns
{
    /// <summary>
    /// The system manager's unit search path, highest precedence first (systemd.unit(5), "Unit File Load Path"): of
    /// two drop-ins with the same file name the one in the earlier directory is read.
    /// </summary>
    public static readonly IReadOnlyList<string> Precedence =
    [
        "/etc/systemd/system.control", "/run/systemd/system.control", "/run/systemd/transient", "/run/systemd/generator.early",
        "/etc/systemd/system", "/etc/systemd/system.attached", "/run/systemd/system", "/run/systemd/system.attached",
        "/run/systemd/generator", "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system",
        "/run/systemd/generator.late",
    ];

    /// <summary>
    /// The unit's files as systemd reads them: the unit file(s) first as given, then the drop-ins (paths with a
    /// "*.d/" directory) of every directory sorted by file name, a same-named file in a directory of lower precedence
    /// left out. What `systemctl cat` prints is already in this order; putting our drop-in in keeps it.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> Order(IEnumerable<(string Path, string Text)> files)
    {
        var all = files.ToList();
        var units = all.Where(f => !IsDropIn(f.Path)).ToList();
        var dropIns = EffectiveUnit.OrderDropIns(all.Where(f => IsDropIn(f.Path)).Select(f => (Rank(f.Path), f.Path)));
        return [.. units, .. dropIns.Select(p => all.First(f => f.Path == p))];
    }

    /// <summary>
    /// For each directive of <paramref name="ourText"/> (our drop-in at <paramref name="ourPath"/>), what a file
    /// systemd reads after it does to it; directives nothing later touches are left out. <paramref name="files"/> are
    /// the unit's files (`systemctl cat`), with or without ours: ours replaces any file of the same path.
    /// </summary>
    public static IReadOnlyList<DropInOverride> Find(IEnumerable<(string Path, string Text)> files, string ourPath, string ourText,
        DirectiveCatalog? catalog = null)
    {
        catalog ??= DirectiveCatalog.Load();
        var ours = Assignments(ourPath, ourText).GroupBy(a => a.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var (hiddenBy, later) = After(files, ourPath, ourText);
        if (hiddenBy is not null)
            return ours.Select(a => new DropInOverride(a.Key, a.Value, OverrideKind.Masked, hiddenBy, 0, "")).ToList();
        var result = new List<DropInOverride>();
        foreach (var mine in ours)
        {
            var same = later.Where(a => a.Key == mine.Key).ToList();
            if (same.Count == 0) continue;
            var directive = catalog.Find(mine.Key);
            if (directive?.IsList == true && !ReplacesList(directive, same[^1].Value))
            {
                var reset = same.LastOrDefault(a => a.Value.Length == 0 || ReplacesList(directive, a.Value));
                var decides = reset ?? same[0];
                result.Add(Override(mine, reset is null ? OverrideKind.Extended : reset.Value.Length == 0 ? OverrideKind.Reset : OverrideKind.Replaced, decides));
            }
            else if (same[^1].Value != mine.Value)
                result.Add(Override(mine, OverrideKind.Replaced, same[^1]));
        }
        return result;
    }

    /// <summary>
    /// The [Service] assignments systemd reads after our drop-in, in order, and the file that hides ours when one
    /// does (then nothing of ours is read: the list is empty).
    /// </summary>
    public static (string? HiddenBy, IReadOnlyList<UnitAssignment> Later) After(IEnumerable<(string Path, string Text)> files, string ourPath, string ourText)
    {
        var (hiddenBy, _, later) = Split(files, ourPath, ourText);
        return (hiddenBy, later);
    }

    /// <summary>The [Service] assignments systemd reads before our drop-in (the unit file first): what ours replaces or adds to.</summary>
    public static IReadOnlyList<UnitAssignment> Before(IEnumerable<(string Path, string Text)> files, string ourPath) =>
        Split(files, ourPath, "").Before;

    private static (string? HiddenBy, IReadOnlyList<UnitAssignment> Before, IReadOnlyList<UnitAssignment> Later) Split(
        IEnumerable<(string Path, string Text)> files, string ourPath, string ourText)
    {
        var name = Path.GetFileName(ourPath);
        var ordered = Order(files.Where(f => f.Path != ourPath).Append((ourPath, ourText))).ToList();
        var at = ordered.FindIndex(f => f.Path == ourPath);
        if (at < 0)
            return (ordered.First(f => IsDropIn(f.Path) && Path.GetFileName(f.Path) == name).Path, [], []);
        return (null, ordered.Take(at).SelectMany(f => Assignments(f.Path, f.Text)).ToList(),
            ordered.Skip(at + 1).SelectMany(f => Assignments(f.Path, f.Text)).ToList());
    }

    /// <summary>RestrictNamespaces=yes|no replaces whatever list came before (config_parse_restrict_namespaces).</summary>
    private static bool ReplacesList(Directive directive, string value) =>
        directive.Kind == "namespace-list" && SecuritySettings.ParseBool(value) is not null;

    private static DropInOverride Override(UnitAssignment mine, OverrideKind kind, UnitAssignment by) =>
        new(mine.Key, mine.Value, kind, by.Path, by.Line, $"{by.Key}={by.Value}");

    /// <summary>The file's [Service] assignments, read as systemd reads them (lines it would skip are skipped).</summary>
    private static IEnumerable<UnitAssignment> Assignments(string path, string text) =>
        UnitFile.Parse(text, path, lenient: true).Assignments.Where(a => a.Section == "Service");

    private static bool IsDropIn(string path) => Path.GetFileName(Path.GetDirectoryName(path) ?? "").EndsWith(".d", StringComparison.Ordinal);

    /// <summary>
    /// Which of two same-named drop-ins systemd reads: the unit's own directories (NAME.d, its template's, its dash
    /// prefixes') before the type-level service.d, then by the search path's precedence.
    /// </summary>
    private static int Rank(string path)
    {
        var dir = Path.GetDirectoryName(path) ?? "";
        var searchDir = (Path.GetDirectoryName(dir) ?? "").Replace('\\', '/');
        var index = Precedence.ToList().IndexOf(searchDir);
        return (Path.GetFileName(dir) == "service.d" ? 100 : 0) + (index < 0 ? Precedence.Count : index);
    }
}
