using HardenTui.Core.Overrides;

namespace HardenTui.Core.Proposals;

/// <summary>
/// The idioms of systemd.exec(5) a trace can point at: the service's own /var/lib/NAME, /var/cache/NAME,
/// /var/log/NAME and /run/NAME as StateDirectory=, CacheDirectory=, LogsDirectory=, RuntimeDirectory= (writable under
/// ProtectSystem=strict without ReadWritePaths=), and secrets it reads as LoadCredential= (the user's call).
/// </summary>
internal static class IdiomRules
{
    private static readonly (string Root, string Directive)[] Roots =
        [("/var/lib", "StateDirectory"), ("/var/cache", "CacheDirectory"), ("/var/log", "LogsDirectory"), ("/run", "RuntimeDirectory")];

    /// <summary>
    /// Splits written directories into the service's own (as exec-directory lines, mode kept) and the rest. A
    /// directory counts as its own when it is ROOT/NAME for one of the unit's names, its owner and group are those
    /// systemd would give it (so systemd's recursive chown at start changes nothing) and its mode has no special bits.
    /// </summary>
    public static (List<string> Others, List<DropInDirective> Lines, List<string> Why) OwnDirectories(IReadOnlyList<string> dirs, UnitContext? context)
    {
        var rest = new List<string>();
        var own = new SortedDictionary<string, (string Directive, string Name, OwnedDirectory Facts)>(StringComparer.Ordinal);
        foreach (var dir in dirs)
        {
            var claim = context is null ? null : Claim(dir, context);
            if (claim is { } c) own[c.Path] = (c.Directive, c.Name, c.Facts);
            else rest.Add(dir);
        }
        var lines = new List<DropInDirective>();
        var why = new List<string>();
        foreach (var group in own.GroupBy(o => o.Value.Directive))
        {
            lines.Add(new DropInDirective(group.Key, string.Join(' ', group.Select(g => g.Value.Name)),
                "the service's own directory, written during the trace; systemd keeps it writable under ProtectSystem=strict"));
            var modes = group.Select(g => g.Value.Facts.Mode.PadLeft(4, '0')).Distinct().ToList();
            if (modes is [var mode] && mode != "0755")
                lines.Add(new DropInDirective(group.Key + "Mode", mode, "the directory's mode today, kept"));
            why.AddRange(group.Select(g => $"{g.Key} ({g.Value.Facts.User}:{g.Value.Facts.Group} {g.Value.Facts.Mode}) → {group.Key}={g.Value.Name}"));
        }
        return (rest, lines, why);
    }

    private static (string Path, string Directive, string Name, OwnedDirectory Facts)? Claim(string dir, UnitContext context)
    {
        foreach (var (root, directive) in Roots)
        {
            if (!RuleKit.IsUnder(dir, root) || dir == root) continue;
            var name = dir[(root.Length + 1)..].Split('/')[0];
            var path = root + "/" + name;
            if (!context.Names.Contains(name) || context.Directories?.GetValueOrDefault(path) is not { } facts) return null;
            var (user, group) = context.Owner;
            // A setuid/setgid/sticky bit (/run/redis is 2755) is left alone: the *DirectoryMode= a hardening drop-in may
            // carry is a plain 0NNN, and systemd would apply its own.
            var plain = facts.Mode.TrimStart('0').Length <= 3;
            return facts.User == user && facts.Group == group && plain ? (path, directive, name, facts) : null;
        }
        return null;
    }

    private static readonly string[] SecretDirs = ["/etc/ssl/private", "/etc/pki/tls/private", "/etc/letsencrypt/live", "/etc/letsencrypt/archive"];

    private static readonly string[] NotSecrets = ["/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow", "/etc/pam.d", "/etc/security",
        "/usr", "/lib", "/lib64", "/proc", "/sys", "/dev", "/run/systemd"];

    /// <summary>Files whose name or place says they hold a secret: private keys, password and token files (not the system's user databases).</summary>
    internal static bool IsSecret(string path)
    {
        if (!path.StartsWith('/') || RuleKit.IsUnderAny(path, NotSecrets)) return false;
        var file = Path.GetFileName(path).ToLowerInvariant();
        if (file.Length == 0) return false;
        return RuleKit.IsUnderAny(path, SecretDirs) || file.EndsWith(".key", StringComparison.Ordinal) || file.Contains("privkey")
            || file.Contains("password") || file.Contains("secret") || file.Contains("token") || file.EndsWith(".htpasswd", StringComparison.Ordinal)
            || file == "credentials";
    }

    /// <summary>LoadCredential= for each secret the service read: off, the user's call, since the service must then read $CREDENTIALS_DIRECTORY.</summary>
    public static Proposal? Credentials(RuleKit k)
    {
        if (k.Current.IsSet("LoadCredential")) return null;
        var secrets = k.Seen.Of("pathRead").Where(p => IsSecret(p.Key) && !k.Seen.Has("pathWritten", p.Key)).ToList();
        if (secrets.Count == 0) return null;
        var value = string.Join(' ', secrets.Select(s => CredentialName(s.Key) + ":" + s.Key));
        return new Proposal("LoadCredential", [new DropInDirective("LoadCredential", value,
                "secrets copied into /run/credentials/UNIT, readable by the service only; point its configuration at $CREDENTIALS_DIRECTORY")],
            false, "the service reads secrets; as credentials only it sees them (and they may be encrypted), but its configuration must read them from $CREDENTIALS_DIRECTORY",
            ["secrets read during the trace:", .. RuleKit.Lines(secrets)], YourCall: true);
    }

    private static string CredentialName(string path) =>
        new(Path.GetFileName(path).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());
}
