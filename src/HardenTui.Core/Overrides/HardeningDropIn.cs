// What a hardening drop-in may hold, checked in one place for every path that produces one to write (a --dropin
// file, a profile, an export, the resolver, the wizard): directives of the catalog only, in [Service] only, each
// value valid for its directive's kind, no control characters anywhere (systemd ends a line at CR and NUL as well
// as LF, so "# reason\rExecStartPre=+/bin/sh" is two lines to it and one comment to a naive reader), and bounded
// sizes. The catalog is a parameter, so a catalog that knows the running systemd's versions plugs in unchanged.
using System.Text.RegularExpressions;
using HardenTui.Core.Directives;
using HardenTui.Core.Units;

namespace HardenTui.Core.Overrides;

public static partial class HardeningDropIn
{
    /// <summary>More lines than any hardening needs (the catalog has about 60 directives); beyond it is not a hardening.</summary>
    public const int MaxDirectives = 256;
    public const int MaxValueLength = 16 * 1024;
    public const int MaxTextLength = 1024 * 1024;

    /// <summary>
    /// The first control character (any C0 but LF and tab, DEL, C1) in <paramref name="text"/> as "line L, column C:
    /// a carriage return (U+000D)"; null when there is none. Columns count characters from 1.
    /// </summary>
    public static string? ControlCharacter(string text)
    {
        var line = 1;
        var column = 0;
        foreach (var c in text)
        {
            column++;
            if (c == '\n') { line++; column = 0; continue; }
            if (IsForbidden(c)) return $"line {line}, column {column}: {Describe(c)} is not allowed";
        }
        return null;
    }

    /// <summary>True for the characters a drop-in (or any text we echo) must not carry: C0 but tab and LF, DEL, C1.</summary>
    public static bool IsForbidden(char c) => c is < ' ' and not '\t' and not '\n' or '\u007f' or >= '\u0080' and <= '\u009f';

    public static string Describe(char c) => c switch
    {
        '\r' => "a carriage return (U+000D)",
        '\0' => "a NUL byte (U+0000)",
        '\u001b' => "an escape character (U+001B)",
        _ => $"control character U+{(int)c:X4}",
    };

    /// <summary>Parses <paramref name="text"/> as a hardening drop-in for <paramref name="unit"/> and checks it; errors name the line.</summary>
    public static DropIn Parse(string unit, string text, DirectiveCatalog catalog, string what = "drop-in")
    {
        if (text.Length > MaxTextLength) throw new BadInputException($"{what}: longer than {MaxTextLength / 1024} KiB; a hardening drop-in is a few KiB");
        if (ControlCharacter(text) is { } bad) throw new BadInputException($"{what} {bad}");
        var directives = new List<DropInDirective>();
        var reason = new List<string>();
        string? section = null;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) { reason.Clear(); continue; }
            if (line[0] is '#' or ';')
            {
                if (section is not null) reason.Add(line[1..].Trim());
                continue;
            }
            if (line.EndsWith('\\')) throw new BadInputException($"{what} line {lineNo}: a line continued with '\\' is not accepted in a hardening drop-in");
            if (line.StartsWith('['))
            {
                section = line.EndsWith(']') ? line[1..^1] : line;
                if (section != "Service") throw new BadInputException($"{what} line {lineNo}: only a [Service] section is accepted, found {Quote(section)}");
                reason.Clear();
                continue;
            }
            if (section is null) throw new BadInputException($"{what} line {lineNo}: a directive before the [Service] section");
            var eq = line.IndexOf('=');
            if (eq <= 0) throw new BadInputException($"{what} line {lineNo}: expected Name=value, got {Quote(line)}");
            var directive = new DropInDirective(line[..eq].Trim(), line[(eq + 1)..].Trim(), string.Join('\n', reason));
            if (Problem(directive, catalog) is { } problem) throw new BadInputException($"{what} line {lineNo}: {problem}");
            directives.Add(directive);
            if (directives.Count > MaxDirectives) throw new BadInputException($"{what}: more than {MaxDirectives} directives; that is not a hardening drop-in");
            reason.Clear();
        }
        return new DropIn(UnitName.Parse(unit).Value, directives);
    }

    /// <summary>Checks a drop-in built in memory (profile, resolver, wizard) before it is rendered to be written.</summary>
    public static DropIn Check(DropIn dropIn, DirectiveCatalog catalog)
    {
        UnitName.Parse(dropIn.Unit);
        if (dropIn.Directives.Count > MaxDirectives) throw new BadInputException($"drop-in: more than {MaxDirectives} directives; that is not a hardening drop-in");
        foreach (var d in dropIn.Directives)
        {
            if (Problem(d, catalog) is { } problem) throw new BadInputException($"drop-in: {problem}");
            if (ControlCharacter(d.Reason) is { } bad) throw new BadInputException($"drop-in: the reason of {d.Name}= has, at {bad}");
        }
        return dropIn;
    }

    /// <summary>Why this directive may not be in a hardening drop-in; null when it may.</summary>
    public static string? Problem(DropInDirective d, DirectiveCatalog catalog)
    {
        if (d.Name.Length == 0 || !d.Name.All(char.IsAsciiLetterOrDigit)) return $"{Quote(d.Name)} is not a directive name";
        if (ControlCharacter(d.Name + "=" + d.Value) is { } bad) return $"{d.Name}=: {bad}";
        if (catalog.Find(d.Name) is not { } known)
            return $"{d.Name}= is not a hardening directive; a hardening drop-in holds only the catalog's ({string.Join(", ", NotHardening(d.Name, catalog))})";
        if (d.Value.Length > MaxValueLength) return $"{d.Name}=: the value is longer than {MaxValueLength / 1024} KiB";
        return ValueProblem(known, d.Value) is { } why ? $"{d.Name}={Shorten(d.Value)}: {why}" : null;
    }

    private static IEnumerable<string> NotHardening(string name, DirectiveCatalog catalog)
    {
        var nearest = catalog.Nearest(name);
        if (DirectiveCatalog.EditDistance(nearest.ToLowerInvariant(), name.ToLowerInvariant()) <= 3) yield return $"did you mean {nearest}=?";
        else yield return "see hardentui propose";
    }

    /// <summary>Why <paramref name="value"/> is not valid for <paramref name="directive"/> (by its kind); null when it is.</summary>
    public static string? ValueProblem(Directive directive, string value)
    {
        if (value.Contains('\\')) return "escape sequences are not accepted in a hardening value";
        // A value the catalog names (ProtectControlGroups=strict, PrivateTmp=disconnected, ...) is valid whatever the
        // directive's basic kind; whether the running systemd knows it is the caller's version check, not a syntax error.
        if (directive.Value(value) is not null) return null;
        var words = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
            return directive.Kind is "paths" or "list" or "syscall-list" or "capability-list" or "ip-list" or "bind-list" or "family-list" or "device-list"
                ? null : "an empty value resets the setting, which does not harden";
        var list = words[0].StartsWith('~') ? [words[0][1..], .. words[1..]] : words;
        if (list[0].Length == 0) list = list[1..];
        return directive.Kind switch
        {
            "bool" => Bool(value) ? null : "expected yes or no",
            "enum" => Enums.TryGetValue(directive.Name, out var allowed) && (allowed.Contains(value) || (allowed.Contains("yes") && Bool(value)))
                ? null : $"expected one of {string.Join(", ", Enums.GetValueOrDefault(directive.Name) ?? [])}",
            "octal" => Octal().IsMatch(value) ? null : "expected an octal mode such as 0027",
            "errno" => Errno().IsMatch(value) ? null : "expected an errno name such as EPERM",
            "path" => words.Length == 1 && AbsolutePath(words[0].TrimStart('-', '+', ':')) ? null : "expected one absolute path",
            "paths" => words.All(w => AbsolutePath(PathPart(directive.Name, w))) ? null : "expected absolute paths (optionally -, + or : first)",
            "syscall-list" => list.All(w => Syscall().IsMatch(w)) ? null : "expected system call names or @groups",
            "capability-list" => list.All(w => Capability().IsMatch(w)) ? null : "expected capability names such as CAP_NET_BIND_SERVICE",
            "namespace-list" => Bool(value) || list.All(w => Namespaces.Contains(w)) ? null : $"expected yes, no or namespaces ({string.Join(" ", Namespaces)})",
            "family-list" => value == "none" || list.All(w => Family().IsMatch(w)) ? null : "expected none or address families such as AF_INET",
            "ip-list" => words.All(w => IpKeywords.Contains(w) || IpWord().IsMatch(w)) ? null : "expected any, localhost, link-local, multicast or addresses with /prefix",
            "bind-list" => words.All(w => w == "any" || BindWord().IsMatch(w)) ? null : "expected any or [family:][protocol:]port[-port]",
            "device-list" => DeviceWord().IsMatch(value) ? null : "expected a device node (/dev/...) or char-/block- class, then r, w, m",
            "string" when directive.Name is "User" or "Group" =>
                UserName().IsMatch(value) ? (value is "root" or "0" ? "running as root does not harden" : null) : "expected a user or group name",
            "string" => words.Length == 1 && Word().IsMatch(value) ? null : "expected one word",
            "list" => ListProblem(directive.Name, list),
            "credential" => words.All(w => Credential().IsMatch(w)) ? null : "expected ID:PATH (an absolute path)",
            _ => $"HardenTui cannot check values of kind {directive.Kind}",
        };
    }

    private static string? ListProblem(string name, string[] words) => name switch
    {
        "SystemCallArchitectures" => words.All(w => ArchWord().IsMatch(w)) ? null : "expected native or architecture names",
        "SecureBits" => words.All(w => SecureBits.Contains(w)) ? null : $"expected securebits ({string.Join(" ", SecureBits)})",
        "SupplementaryGroups" => words.All(w => UserName().IsMatch(w) && w is not "root" and not "0") ? null : "expected group names other than root",
        // StateDirectory=nginx, LogsDirectory=nginx/sub: paths below /var/lib, /var/log, ... (relative, no "..").
        _ when name.EndsWith("Directory", StringComparison.Ordinal) =>
            words.All(w => RelativeDirectory().IsMatch(w) && !w.Split('/').Contains("..")) ? null : "expected relative directory names (nginx, nginx/cache)",
        _ => words.All(w => Interface().IsMatch(w)) ? null : "expected names",
    };

    private static string PathPart(string name, string word)
    {
        word = word.TrimStart('-', '+', ':').Trim('"');
        // BindPaths=SRC[:DEST[:OPTIONS]], TemporaryFileSystem=PATH[:OPTIONS]: the first part is the path checked.
        return name is "BindPaths" or "BindReadOnlyPaths" or "TemporaryFileSystem" && word.IndexOf(':') is > 0 and var colon ? word[..colon] : word;
    }

    private static bool AbsolutePath(string path) => path.Length > 0 && path[0] is '/' or '%' && !path.Split('/').Contains("..");

    private static bool Bool(string value) => value.ToLowerInvariant() is "yes" or "no" or "true" or "false" or "on" or "off" or "1" or "0";

    private static string Quote(string s) => "'" + Shorten(s) + "'";

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "..." : s;

    private static readonly Dictionary<string, string[]> Enums = new(StringComparer.Ordinal)
    {
        ["KeyringMode"] = ["inherit", "private", "shared"],
        ["DevicePolicy"] = ["auto", "closed", "strict"],
        ["NotifyAccess"] = ["none", "main", "exec", "all"],
        ["ProtectSystem"] = ["yes", "no", "full", "strict"],
        ["ProtectHome"] = ["yes", "no", "read-only", "tmpfs"],
        ["ProtectProc"] = ["noaccess", "invisible", "ptraceable", "default"],
        ["ProcSubset"] = ["all", "pid"],
    };

    private static readonly string[] Namespaces = ["cgroup", "ipc", "net", "mnt", "pid", "user", "uts"];
    private static readonly string[] IpKeywords = ["any", "localhost", "link-local", "multicast"];
    private static readonly string[] SecureBits = ["keep-caps", "keep-caps-locked", "no-setuid-fixup", "no-setuid-fixup-locked", "noroot", "noroot-locked"];

    [GeneratedRegex(@"^[0-7]{3,4}$")] private static partial Regex Octal();
    [GeneratedRegex(@"^(E[A-Z0-9]+|[0-9]{1,4}|kill|log)$")] private static partial Regex Errno();
    [GeneratedRegex(@"^(@[a-z0-9-]+|[a-z_][a-z0-9_]*)(:[A-Z0-9]+|:kill|:log)?$")] private static partial Regex Syscall();
    [GeneratedRegex(@"^CAP_[A-Z_]+$")] private static partial Regex Capability();
    [GeneratedRegex(@"^AF_[A-Z0-9_]+$")] private static partial Regex Family();
    [GeneratedRegex(@"^[0-9a-fA-F:.]+(/[0-9]{1,3})?$")] private static partial Regex IpWord();
    [GeneratedRegex(@"^((ipv4|ipv6):)?((tcp|udp):)?([0-9]{1,5}(-[0-9]{1,5})?|any)$")] private static partial Regex BindWord();
    [GeneratedRegex(@"^(/dev/[A-Za-z0-9_./*-]+|(char|block)-[A-Za-z0-9_*.-]+)( [rwm]{1,3})?$")] private static partial Regex DeviceWord();
    [GeneratedRegex(@"^([a-zA-Z_][a-zA-Z0-9_.-]{0,31}|[0-9]{1,10})$")] private static partial Regex UserName();
    [GeneratedRegex(@"^[a-z0-9_-]+$")] private static partial Regex ArchWord();
    [GeneratedRegex(@"^[A-Za-z0-9_.@:-]+(/[A-Za-z0-9_.@:-]+)*$")] private static partial Regex RelativeDirectory();
    [GeneratedRegex(@"^[A-Za-z0-9_.:=+@/,-]+$")] private static partial Regex Word();
    [GeneratedRegex(@"^[A-Za-z0-9_.:@*-]+$")] private static partial Regex Interface();
    [GeneratedRegex(@"^[A-Za-z0-9_.@-]+:/[^\s]*$")] private static partial Regex Credential();
}
