namespace HardenTui.Core.Proposals;

/// <summary>
/// The PAM configuration of a machine (/etc/pam.d, pam.d(5)), read from `grep -H '' /etc/pam.d/*` output
/// ("/etc/pam.d/sshd:session required pam_limits.so"). Answers which modules a service's session stack runs,
/// following "@include FILE" and "session include|substack FILE" the way Linux-PAM does.
/// </summary>
public sealed class PamStacks
{
    private readonly Dictionary<string, List<string>> _files = new(StringComparer.Ordinal);

    public static PamStacks None { get; } = new();

    public static PamStacks Parse(string grepOutput)
    {
        var stacks = new PamStacks();
        foreach (var raw in grepOutput.Split('\n'))
        {
            const string prefix = "/etc/pam.d/";
            var colon = raw.IndexOf(':');
            if (!raw.StartsWith(prefix, StringComparison.Ordinal) || colon < 0) continue;
            var name = raw[prefix.Length..colon];
            if (name.Length == 0 || name.Contains('/')) continue;
            if (!stacks._files.TryGetValue(name, out var lines)) stacks._files[name] = lines = [];
            var line = raw[(colon + 1)..].Trim();
            if (line.Length > 0 && !line.StartsWith('#')) lines.Add(line);
        }
        return stacks;
    }

    public bool Has(string service) => _files.ContainsKey(service);

    /// <summary>The module file names (pam_systemd.so, …) the service's session stack runs; empty when it has none.</summary>
    public IReadOnlyList<string> SessionModules(string service)
    {
        var modules = new List<string>();
        Collect(service, modules, []);
        return modules.Distinct().ToList();
    }

    private void Collect(string file, List<string> modules, HashSet<string> seen)
    {
        if (!seen.Add(file) || !_files.TryGetValue(file, out var lines)) return;
        foreach (var line in lines)
        {
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words is ["@include", var included, ..]) { Collect(included, modules, seen); continue; }
            var type = words[0].TrimStart('-');
            if (type != "session" || words.Length < 3) continue;
            if (words[1] is "include" or "substack") { Collect(words[2], modules, seen); continue; }
            // The control may be a [value=action …] bracket spanning words; the module is the first word after it.
            var i = 1;
            if (words[1].StartsWith('['))
                while (i < words.Length && !words[i].EndsWith(']')) i++;
            if (i + 1 < words.Length) modules.Add(Path.GetFileName(words[i + 1]));
        }
    }
}
