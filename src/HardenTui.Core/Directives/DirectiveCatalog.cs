// The directive catalog as data (directives.json, embedded). Names, versions and implications follow
// systemd.exec(5), systemd.resource-control(5) and systemd.service(5) of systemd 252 and 257 (version-info
// annotations); explanations are our own words.
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HardenTui.Core.Directives;

public sealed class DirectiveCatalog
{
    private static readonly Lazy<DirectiveCatalog> Instance = new(Read);
    private readonly Dictionary<string, Directive> _byName;

    private DirectiveCatalog(IReadOnlyList<Directive> all)
    {
        All = all;
        _byName = all.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<Directive> All { get; }

    public static DirectiveCatalog Load() => Instance.Value;

    /// <summary>The newest systemd version any directive or value of the catalog names: the newest HardenTui knows.</summary>
    public int NewestVersion => All.Max(d => Math.Max(d.Since, d.Values?.Max(v => v.Since) ?? 0));

    /// <summary>The directive by name, with or without the trailing '='; null when unknown.</summary>
    public Directive? Find(string name) => _byName.GetValueOrDefault(name.TrimEnd('='));

    /// <summary>Directives the given systemd version knows (hide what the host lacks).</summary>
    public IEnumerable<Directive> AvailableIn(int systemdVersion) => All.Where(d => d.Since <= systemdVersion);

    /// <summary>
    /// The systemd version that understands NAME=VALUE: the value's version where the catalog lists one, else the
    /// directive's; null for a directive the catalog does not know.
    /// </summary>
    public int? SinceFor(string name, string value) => Find(name)?.SinceFor(value);

    /// <summary>
    /// Why NAME=VALUE is not understood by a systemd of <paramref name="systemdVersion"/> (it would ignore the line
    /// with a warning and the service would run less hardened than shown); null when it is, or when unknown.
    /// </summary>
    public string? TooNew(string name, string value, int systemdVersion)
    {
        var directive = Find(name);
        if (directive is null || directive.KnownIn(systemdVersion, value)) return null;
        return directive.KnownIn(systemdVersion)
            ? $"{directive.Name}={value.Trim()} needs systemd {directive.SinceFor(value)}, the target has {systemdVersion}"
            : $"{directive.Name}= needs systemd {directive.Since}, the target has {systemdVersion}";
    }

    /// <summary>
    /// The assignment that needs the newest systemd among <paramref name="lines"/> (name, value), with that version;
    /// null when none is in the catalog. What a drop-in, profile or export requires of its target.
    /// </summary>
    public (int Since, string Line)? Newest(IEnumerable<(string Name, string Value)> lines) =>
        lines.Select(l => (Since: SinceFor(l.Name, l.Value), Line: $"{l.Name.TrimEnd('=')}={l.Value.Trim()}"))
            .Where(l => l.Since is not null).Select(l => (Since: l.Since!.Value, l.Line))
            .OrderByDescending(l => l.Since).Cast<(int, string)?>().FirstOrDefault();

    /// <summary>The closest known name for a misspelt one (case-insensitive edit distance), for "did you mean".</summary>
    public string Nearest(string name)
    {
        var wanted = name.TrimEnd('=').ToLowerInvariant();
        return All.MinBy(d => EditDistance(d.Name.ToLowerInvariant(), wanted))!.Name;
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), for nearest-name suggestions.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private static DirectiveCatalog Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("HardenTui.Core.Directives.directives.json")
            ?? throw new InvalidOperationException("directives.json resource missing");
        return new DirectiveCatalog(JsonSerializer.Deserialize(stream, CoreJson.Default.ListDirective)!);
    }
}
