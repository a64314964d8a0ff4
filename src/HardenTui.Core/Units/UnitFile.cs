// systemd's unit-file syntax (src/shared/conf-parser.c, 252): [Section] headers, Key=Value lines, '#'/';'
// comments, a trailing backslash continues the line (comment lines inside a continuation are skipped), repeated
// keys are kept in order (an empty value resets a list — that meaning belongs to each directive, so it is
// kept as an assignment with an empty value). Values are kept verbatim: quoting and %specifiers are the
// directive's business.
namespace HardenTui.Core.Units;

public sealed class UnitFile
{
    private UnitFile(string path, IReadOnlyList<UnitAssignment> assignments)
    {
        Path = path;
        Assignments = assignments;
    }

    public string Path { get; }
    public IReadOnlyList<UnitAssignment> Assignments { get; }

    /// <param name="lenient">
    /// Skip what systemd skips with a warning (a line without '=', a key outside a section, a broken header) instead
    /// of refusing the file: for files that are not ours to judge, such as an admin's override.conf.
    /// </param>
    public static UnitFile Parse(string text, string path, bool lenient = false)
    {
        var assignments = new List<UnitAssignment>();
        string? section = null;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].Trim();
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                if (next.StartsWith('#') || next.StartsWith(';'))
                    continue;
                line = line[..^1] + " " + next;
            }
            if (line.EndsWith('\\'))
                line = line[..^1].TrimEnd();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line[0] == '[')
            {
                if (!line.EndsWith(']') || line.Length < 3)
                {
                    if (lenient) { section = null; continue; }
                    throw new BadInputException($"{path}:{lineNumber}: malformed section header '{line}'");
                }
                section = line[1..^1];
                continue;
            }
            var equals = line.IndexOf('=');
            if (lenient && (equals <= 0 || section is null))
                continue;
            if (equals <= 0)
                throw new BadInputException($"{path}:{lineNumber}: expected Key=Value, got '{line}'");
            if (section is null)
                throw new BadInputException($"{path}:{lineNumber}: assignment outside of any [Section]");
            assignments.Add(new UnitAssignment(section, line[..equals].TrimEnd(), line[(equals + 1)..].TrimStart(), path, lineNumber));
        }
        return new UnitFile(path, assignments);
    }
}
