using System.Text.RegularExpressions;
using HardenTui.Core.Overrides;
using HardenTui.Core.Tracing;

namespace HardenTui.Core.Health;

/// <summary>
/// One denial a hardened unit met while it ran: what was refused (a path, a system call), the directive of our
/// drop-in behind it, the line that shows it, and the relax that would allow it (a line to add in a new revision
/// of the drop-in), or null when the evidence does not say what to open.
/// </summary>
public sealed record Denial(string Unit, string What, string Directive, string Evidence, DropInDirective? Relax)
{
    /// <summary>One denial per unit, directive and thing refused: the watch says each once.</summary>
    public string Key => $"{Unit}\n{Directive}\n{What}";
}

/// <summary>
/// Names the directive behind a denial, from a journal message or a kernel SECCOMP record, given the drop-in in
/// force: EROFS under ProtectSystem=/ReadOnlyPaths= (relax: the directory into ReadWritePaths=), EACCES on a program
/// under NoExecPaths= (relax: into ExecPaths=), EACCES under ProtectHome=/InaccessiblePaths=, a filtered call under
/// SystemCallFilter= (relax: the call into the filter; systemd adds repeated allow-lists together), 203/EXEC,
/// 226/NAMESPACE, 218/CAPABILITIES.
/// </summary>
public static partial class Denials
{
    [GeneratedRegex(@"(?<![\w.])(/[^\s:'""`,;()\[\]]+)")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"Read-only file system|\bEROFS\b")]
    private static partial Regex ReadOnly();

    [GeneratedRegex(@"Permission denied|\bEACCES\b")]
    private static partial Regex Denied();

    [GeneratedRegex(@"status=203/EXEC|Failed at step EXEC|status=226/NAMESPACE|Failed at step NAMESPACE|status=218/CAPABILITIES|status=31/SYS|signal=SYS\b")]
    private static partial Regex Fatal();

    private static readonly string[] Homes = ["/home", "/root", "/run/user"];

    /// <summary>The denial in a journal message of the unit, or null when the message shows none.</summary>
    public static Denial? FromJournal(string unit, string message, DropIn inForce)
    {
        var has = inForce.Directives.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var path = PathPattern().Matches(message).Select(m => m.Groups[1].Value.TrimEnd('.')).LastOrDefault(p => p.Length > 1);
        if (ReadOnly().IsMatch(message))
        {
            var directive = has.Contains("ReadOnlyPaths") ? "ReadOnlyPaths" : has.Contains("ProtectHome") && path is not null && IsUnderAny(path, Homes)
                ? "ProtectHome" : "ProtectSystem";
            return new Denial(unit, path ?? "a path", directive, message,
                path is null || directive == "ProtectHome" ? null : new DropInDirective("ReadWritePaths", "-" + Directory(path), $"written while running: {Squeeze(message)}"));
        }
        if (Denied().IsMatch(message) && path is not null)
        {
            if (has.Contains("NoExecPaths") && LooksLikeExec(message, path))
                return new Denial(unit, path, "NoExecPaths", message, new DropInDirective("ExecPaths", "-" + path, $"executed while running: {Squeeze(message)}"));
            if (has.Contains("ProtectHome") && IsUnderAny(path, Homes)) return new Denial(unit, path, "ProtectHome", message, null);
            if (has.Contains("InaccessiblePaths")) return new Denial(unit, path, "InaccessiblePaths", message, null);
            if (has.Contains("ProtectSystem")) return new Denial(unit, path, "ProtectSystem", message,
                new DropInDirective("ReadWritePaths", "-" + Directory(path), $"refused while running: {Squeeze(message)}"));
            return null;
        }
        if (Fatal().Match(message) is { Success: true } fatal)
        {
            var directive = fatal.Value switch
            {
                var v when v.Contains("EXEC") => "NoExecPaths",
                var v when v.Contains("NAMESPACE") => "ProtectSystem",
                var v when v.Contains("CAPABILITIES") => "CapabilityBoundingSet",
                _ => "SystemCallFilter",
            };
            return new Denial(unit, fatal.Value, directive, message, null);
        }
        return null;
    }

    /// <summary>The denial in a kernel SECCOMP record (SystemCallLog= or a killing filter) of one of the unit's programs.</summary>
    public static Denial FromSeccomp(string unit, SeccompRecord record)
    {
        if (record.Syscall is not { } call) return new Denial(unit, $"system call #{record.SyscallNumber}", "SystemCallFilter", Line(record), null);
        return new Denial(unit, call + "()", "SystemCallFilter", Line(record),
            new DropInDirective("SystemCallFilter", call, $"{call}() was filtered while running ({record.Exe})"));
    }

    private static string Line(SeccompRecord r) => $"SECCOMP {r.Exe} (pid {r.Pid}) called {r.Syscall ?? "#" + r.SyscallNumber}";

    private static bool LooksLikeExec(string message, string path) =>
        message.Contains("exec", StringComparison.OrdinalIgnoreCase) || message.Contains("cannot run", StringComparison.OrdinalIgnoreCase)
        || IsUnderAny(path, "/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin", "/usr/local/sbin", "/usr/libexec", "/opt");

    private static bool IsUnderAny(string path, params string[] prefixes) =>
        prefixes.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal));

    private static string Directory(string path) => Path.GetDirectoryName(path) is { Length: > 1 } d ? d : path;

    private static string Squeeze(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The next revision of the drop-in: the relax added (a value already listed is not added twice).</summary>
    public static DropIn Relaxed(DropIn current, DropInDirective relax) =>
        current.Directives.Any(d => d.Name == relax.Name && d.Value.Split(' ').Contains(relax.Value)) ? current
            : current with { Directives = [.. current.Directives, relax] };
}
