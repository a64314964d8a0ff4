using System.Text;

namespace HardenTui.Core.Overrides;

/// <summary>
/// The effective unit as `systemctl cat` prints it ("# /path" then the file, per file, vendor unit first, then
/// drop-ins ordered by file name), with our drop-in put in, replaced or taken out — what the diff is against.
/// </summary>
public static class EffectiveUnitText
{
    public static string WithDropIn(string catText, string dropInPath, string? dropInText)
    {
        var sections = Sections(catText);
        sections.RemoveAll(s => s.Path == dropInPath);
        if (dropInText is not null)
        {
            var name = Path.GetFileName(dropInPath);
            var at = sections.FindIndex(1, s => s.Path.Contains(".d/", StringComparison.Ordinal)
                                               && string.CompareOrdinal(Path.GetFileName(s.Path), name) > 0);
            sections.Insert(at < 0 ? sections.Count : at, new Section(dropInPath, dropInText.TrimEnd('\n')));
        }
        var text = new StringBuilder();
        for (var i = 0; i < sections.Count; i++)
        {
            if (i > 0) text.Append('\n');
            if (sections[i].Path.Length > 0) text.Append("# ").Append(sections[i].Path).Append('\n');
            text.Append(sections[i].Body).Append('\n');
        }
        return text.ToString();
    }

    public static string Diff(string catText, string dropInPath, string? dropInText) =>
        LineDiff.Unified(catText, WithDropIn(catText, dropInPath, dropInText), "effective unit (now)", "effective unit (with HardenTui drop-in)");

    /// <summary>The files of a `systemctl cat` text in the order printed: path ("" before the first header) and body.</summary>
    public static IReadOnlyList<(string Path, string Body)> Files(string catText) =>
        Sections(catText).Select(s => (s.Path, s.Body)).ToList();

    private static List<Section> Sections(string catText)
    {
        var sections = new List<Section>();
        string path = "";
        var body = new List<string>();
        void Flush()
        {
            while (body.Count > 0 && body[^1].Length == 0) body.RemoveAt(body.Count - 1);
            if (path.Length > 0 || body.Count > 0) sections.Add(new Section(path, string.Join('\n', body)));
            body.Clear();
        }
        foreach (var line in catText.Replace("\r\n", "\n").Split('\n'))
        {
            if (IsFileHeader(line)) { Flush(); path = line[2..]; }
            else body.Add(line);
        }
        Flush();
        if (sections.Count == 0) sections.Add(new Section("", ""));
        return sections;
    }

    /// <summary>
    /// "# /etc/systemd/system/nginx.service.d/90-hardentui.conf": a path alone, naming a unit file or a drop-in. A
    /// reason comment in our drop-in ("# /proc/sys and /sys were read, never written") is not a header.
    /// </summary>
    private static bool IsFileHeader(string line) =>
        line.StartsWith("# /", StringComparison.Ordinal) && !line.AsSpan(2).ContainsAny(' ', '\t')
        && (line.EndsWith(".conf", StringComparison.Ordinal) || line.EndsWith(".service", StringComparison.Ordinal));

    private sealed record Section(string Path, string Body);
}
