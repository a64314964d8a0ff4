namespace HardenTui.Core.Wizard;

/// <summary>
/// The drop-in against the effective unit: for each chosen directive, what it does to the [Service] settings systemd
/// reads before our drop-in (the unit file, earlier drop-ins; as `systemctl cat` prints them) and the new line. A
/// single value replaces the earlier ones ('-' lines); a list adds to them, which stay (context lines). Unrelated
/// settings are left out. A directive a drop-in read after ours overrides or resets replaces nothing: it is one '!'
/// line naming that file.
/// </summary>
public static class ReviewDiff
{
    /// <param name="unit">Where our drop-in goes among the files; null: after all of them.</param>
    public static IReadOnlyList<DiffLine> Lines(string? unit, string effectiveText, IEnumerable<DirectiveToggle> chosen,
        IReadOnlyList<Overrides.DropInOverride>? overridden = null)
    {
        var files = Overrides.EffectiveUnitText.Files(effectiveText);
        var current = ServiceSettings(unit is null ? files.SelectMany(f => Units.UnitFile.Parse(f.Body, f.Path, lenient: true).Assignments)
            .Where(a => a.Section == "Service") : Overrides.LaterDropIns.Before(files, "/" + Overrides.DropInPaths.PersistentFile(unit)));
        var diff = new List<DiffLine> { new(' ', "[Service]") };
        foreach (var d in chosen)
        {
            if (overridden?.FirstOrDefault(o => o.Directive == d.Name && !o.OursInForce) is { } o)
            {
                diff.Add(new('!', $"{d.Line}  (no effect: {Path.GetFileName(o.Path)}:{o.Line})"));
                continue;
            }
            if (current.TryGetValue(d.Name, out var old) && old.Count > 0)
            {
                if (old.Count == 1 && old[0] == d.Value)
                {
                    diff.Add(new(' ', d.Line));
                    continue;
                }
                diff.AddRange(old.Select(v => new DiffLine(d.IsList ? ' ' : '-', $"{d.Name}={v}")));
            }
            diff.Add(new('+', d.Line));
        }
        return diff;
    }

    /// <summary>Each key's values in force: an empty assignment clears the ones before it.</summary>
    private static Dictionary<string, List<string>> ServiceSettings(IEnumerable<Units.UnitAssignment> assignments)
    {
        var settings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var a in assignments)
        {
            if (!settings.TryGetValue(a.Key, out var values))
                settings[a.Key] = values = [];
            if (a.Value.Length == 0)
                values.Clear();
            else
                values.Add(a.Value);
        }
        return settings;
    }
}
