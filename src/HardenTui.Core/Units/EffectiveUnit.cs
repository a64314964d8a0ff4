// A unit as systemd loads it: the main file, then every drop-in sorted by file name across all drop-in
// directories (a file in a higher-priority directory hides a same-named one below), which is also the order
// `systemctl cat` prints them (src/shared/dropin.c unit_file_find_dropin_paths, 252).
namespace HardenTui.Core.Units;

public sealed class EffectiveUnit
{
    /// <summary>Where systemd looks for system units, highest priority first (src/basic/path-lookup.c, 252).</summary>
    public static readonly IReadOnlyList<string> SystemSearchPath =
    [
        "/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system",
    ];

    public EffectiveUnit(string name, UnitFile? main, IReadOnlyList<UnitFile> dropIns)
    {
        Name = name;
        Main = main;
        DropIns = dropIns;
    }

    public string Name { get; }
    public UnitFile? Main { get; }
    public IReadOnlyList<UnitFile> DropIns { get; }

    public IEnumerable<UnitAssignment> Assignments =>
        (Main?.Assignments ?? []).Concat(DropIns.SelectMany(d => d.Assignments));

    /// <summary>
    /// Drop-in directory names for a unit, most specific last as systemd merges them: type-level
    /// ("service.d"), dash-prefix levels ("foo-.service.d"), the template ("foo@.service.d"), the unit itself.
    /// </summary>
    public static IReadOnlyList<string> DropInDirectoryNames(string unitName)
    {
        var name = UnitName.Parse(unitName);
        var dirs = new List<string> { "service.d" };
        var dash = name.Prefix.IndexOf('-');
        while (dash > 0)
        {
            dirs.Add($"{name.Prefix[..(dash + 1)]}.service.d");
            dash = name.Prefix.IndexOf('-', dash + 1);
        }
        if (name.IsInstance) dirs.Add(name.TemplateName + ".d");
        dirs.Add(name.Value + ".d");
        return dirs;
    }

    /// <summary>
    /// Orders candidate drop-ins: <paramref name="candidates"/> are (directory priority, file path) pairs; for each
    /// file name the highest-priority (lowest number) wins, then all winners are sorted by file name.
    /// </summary>
    public static IReadOnlyList<string> OrderDropIns(IEnumerable<(int Priority, string Path)> candidates) =>
        candidates.Where(c => c.Path.EndsWith(".conf", StringComparison.Ordinal))
            .GroupBy(c => System.IO.Path.GetFileName(c.Path), StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.Priority).First())
            .OrderBy(c => System.IO.Path.GetFileName(c.Path), StringComparer.Ordinal)
            .Select(c => c.Path)
            .ToList();
}
