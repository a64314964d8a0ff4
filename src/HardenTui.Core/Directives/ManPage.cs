// The running systemd's own words for a directive: the first paragraph of its entry in the installed manual's
// roff source (systemd.exec.5 and friends, DocBook-generated: ".PP", the names as \fIName=\fR, ".RS 4", the text).
using System.Text;
using System.Text.RegularExpressions;

namespace HardenTui.Core.Directives;

/// <summary>A directive's entry in an installed man page: the page ("systemd.exec") and its first paragraph as plain text.</summary>
public sealed record ManualEntry(string Page, string Text);

/// <summary>The entries read from the installed manual, by directive name (no '=').</summary>
public sealed record ManualWords(IReadOnlyDictionary<string, ManualEntry> Entries)
{
    public static readonly ManualWords None = new(new Dictionary<string, ManualEntry>());

    public ManualEntry? Find(string name) => Entries.GetValueOrDefault(name.TrimEnd('='));
}

public static partial class ManPage
{
    /// <summary>Every directive entry of a man page's roff source: name → the first paragraph of its text (first entry wins).</summary>
    public static Dictionary<string, ManualEntry> Entries(string page, string roff)
    {
        var entries = new Dictionary<string, ManualEntry>(StringComparer.Ordinal);
        var lines = roff.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] != ".PP") continue;
            // The names: the lines between ".PP" and ".RS 4" (several names may share one entry).
            var header = new List<string>();
            var j = i + 1;
            while (j < lines.Length && !lines[j].StartsWith('.') && header.Count < 6) header.Add(lines[j++]);
            if (j >= lines.Length || lines[j] != ".RS 4") continue;
            var names = header.SelectMany(h => NamePattern().Matches(h).Select(m => m.Groups[1].Value)).ToList();
            if (names.Count == 0 || !header.All(h => h.StartsWith("\\fI", StringComparison.Ordinal))) continue;
            var paragraph = new List<string>();
            for (j++; j < lines.Length && !lines[j].StartsWith('.'); j++) paragraph.Add(lines[j]);
            var text = Plain(paragraph);
            if (text.Length == 0) continue;
            foreach (var name in names) entries.TryAdd(name, new ManualEntry(page, text));
            i = j - 1;
        }
        return entries;
    }

    [GeneratedRegex(@"\\fI([A-Z][A-Za-z0-9]+)=")]
    private static partial Regex NamePattern();

    /// <summary>Roff text lines as one plain line: font escapes dropped, special characters spelled, lines joined.</summary>
    public static string Plain(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = Unescape(raw).Trim();
            if (line.Length == 0) continue;
            if (text.Length > 0 && text[^1] != '(' && line[0] is not (')' or ',' or '.' or ';' or ':'))
                text.Append(' ');
            text.Append(line);
        }
        return text.ToString();
    }

    private static string Unescape(string s) => EscapePattern().Replace(s, m => m.Value switch
    {
        "\\-" => "-",
        "\\*(Aq" or "\\(aq" or "\\(oq" or "\\(cq" => "'",
        "\\*(lq" or "\\*(rq" or "\\(dq" => "\"",
        "\\(em" => "--",
        "\\(en" => "-",
        "\\(bu" => "*",
        "\\e" => "\\",
        "\\ " => " ",
        _ => "",
    });

    // \fI \fB \fR \fP \f(CW, \&, \%, \-, \*(Aq and other \*(xx strings, \(xx characters, \e, "\ ".
    [GeneratedRegex(@"\\f(\(..|\[[^\]]*\]|.)|\\&|\\%|\\-|\\\*\(..|\\\(..|\\e|\\ ")]
    private static partial Regex EscapePattern();
}
