namespace HardenTui.Core.Wizard;

/// <summary>
/// The drop-in against the effective unit: for each chosen directive, the setting(s) it replaces in the effective
/// [Service] section (as `systemctl cat` prints them) and the new line. Unrelated settings are left out. A directive
/// a drop-in read after ours overrides or resets replaces nothing: it is one '!' line naming that file.
/// </summary>
public static class ReviewDiff
{
    public static IReadOnlyList<DiffLine> Lines(string effectiveText, IEnumerable<DirectiveToggle> chosen,
        IReadOnlyList<Overrides.DropInOverride>? overridden = null)
    {
        var current = ServiceSettings(effectiveText);
        var diff = new List<DiffLine> { new(' ', "[Service]") };
        foreach (var d in chosen)
        {
            if (overridden?.FirstOrDefault(o => o.Directive == d.Name && !o.OursInForce) is { } o)
            {
                diff.Add(new('!', $"{d.Line}  (no effect: {Path.GetFileName(o.Path)}:{o.Line})"));
                continue;
            }
            if (current.TryGetValue(d.Name, out var old))
            {
                if (old.Count == 1 && old[0] == d.Value)
                {
                    diff.Add(new(' ', d.Line));
                    continue;
                }
                diff.AddRange(old.Select(v => new DiffLine('-', $"{d.Name}={v}")));
            }
            diff.Add(new('+', d.Line));
        }
        return diff;
    }

    private static Dictionary<string, List<string>> ServiceSettings(string text)
    {
        var settings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var inService = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inService = line == "[Service]";
                continue;
            }
            var eq = line.IndexOf('=');
            if (!inService || eq <= 0 || line.StartsWith('#') || line.StartsWith(';'))
                continue;
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (!settings.TryGetValue(key, out var values))
                settings[key] = values = [];
            if (value.Length == 0)
                values.Clear();
            else
                values.Add(value);
        }
        return settings;
    }
}
