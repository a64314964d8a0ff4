namespace HardenTui.Core.Export;

/// <summary>
/// Where a hardening was learned: the systemd version, the kernel release and machine name (uname -r, uname -m,
/// the spelling Ansible's facts use) and the distribution's ID and VERSION_ID from os-release(5). Exports carry
/// it as one comment line, so the machine that applies them can say when it differs.
/// </summary>
public sealed record HostFingerprint(string Systemd, string Kernel, string Architecture, string Distribution, string Version)
{
    public const string CommentPrefix = "# Learned on:";

    /// <summary>The fields as (key, value) in the order of the comment line.</summary>
    public IReadOnlyList<(string Key, string Value)> Fields =>
        [("systemd", Systemd), ("kernel", Kernel), ("architecture", Architecture), ("distribution", Distribution), ("version", Version)];

    /// <summary>The comment line, e.g. "# Learned on: systemd=252 kernel=6.8.0-45-generic architecture=x86_64 distribution=debian version=12".</summary>
    public string Comment => CommentPrefix + string.Concat(Fields.Select(f => $" {f.Key}={f.Value}"));

    /// <summary>A readable one-liner: "systemd 252, kernel 6.8.0-45-generic, x86_64, debian 12".</summary>
    public override string ToString() => $"systemd {Systemd}, kernel {Kernel}, {Architecture}, {Distribution} {Version}".TrimEnd();

    /// <summary>From the outputs of `systemctl --version`, `uname -r`, `uname -m` and the text of /etc/os-release.</summary>
    public static HostFingerprint FromProbes(string systemctlVersion, string kernelRelease, string machine, string osRelease)
    {
        // First line of systemctl --version: "systemd 252 (252.39-1~deb12u1)".
        var first = systemctlVersion.Split('\n', StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var systemd = words is ["systemd", var v, ..] ? v : throw new BadInputException($"systemctl --version printed '{first}', not 'systemd N ...'");
        var os = OsRelease(osRelease);
        return new HostFingerprint(systemd, Word(kernelRelease), Word(machine),
            os.GetValueOrDefault("ID", "linux"), os.GetValueOrDefault("VERSION_ID", ""));
    }

    /// <summary>The fingerprint comment in a drop-in, profile or task list; null when the text has none.</summary>
    public static HostFingerprint? Read(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(CommentPrefix, StringComparison.Ordinal));
        if (line is null) return null;
        var values = line[CommentPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        string Get(string key) => values.TryGetValue(key, out var v) ? v : throw new BadInputException($"'{line}': no {key}= in the fingerprint");
        return new HostFingerprint(Get("systemd"), Get("kernel"), Get("architecture"), Get("distribution"), Get("version"));
    }

    /// <summary>
    /// The unit-file text with this fingerprint as a comment above its first section (replacing an older one), so
    /// HardenTui's header stays first and the file is still recognised as ours.
    /// </summary>
    public string Stamp(string unitFileText)
    {
        var lines = unitFileText.Split('\n').Where(l => !l.TrimStart().StartsWith(CommentPrefix, StringComparison.Ordinal)).ToList();
        var section = lines.FindIndex(l => l.TrimStart().StartsWith('['));
        lines.Insert(section < 0 ? 0 : section, Comment);
        return string.Join('\n', lines);
    }

    /// <summary>What differs on <paramref name="here"/>, as "systemd 252 there, 255 here"; empty when nothing does.</summary>
    public IReadOnlyList<string> Differences(HostFingerprint here) =>
        Fields.Zip(here.Fields)
            .Where(p => p.First.Value != p.Second.Value)
            .Select(p => $"{p.First.Key} {Shown(p.First.Value)} there, {Shown(p.Second.Value)} here")
            .ToList();

    private static string Shown(string value) => value.Length == 0 ? "(none)" : value;

    private static string Word(string output)
    {
        var word = output.Trim();
        return word.Length > 0 && !word.Any(char.IsWhiteSpace) ? word : throw new BadInputException($"expected one word from uname, got '{output.Trim()}'");
    }

    /// <summary>os-release(5): KEY=value lines, values optionally in single or double quotes with \-escapes.</summary>
    private static Dictionary<string, string> OsRelease(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=');
            if (line.StartsWith('#') || eq <= 0) continue;
            var value = line[(eq + 1)..];
            if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
                value = value[1..^1].Replace("\\\"", "\"").Replace("\\$", "$").Replace("\\`", "`").Replace("\\\\", "\\");
            // A fingerprint is one comment line of space-separated fields: keep values to one word.
            values[line[..eq]] = string.Join('_', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        return values;
    }
}
