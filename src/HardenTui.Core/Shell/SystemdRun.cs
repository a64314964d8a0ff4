// The systemd-run command line for a shell plan, and what systemd-run says back: a refusal of one setting (to
// leave it out and try again) and how the transient unit ended (to explain it in the learner's terms).
using System.Text.RegularExpressions;

namespace HardenTui.Core.Shell;

public static partial class SystemdRun
{
    /// <summary>
    /// argv for systemd-run: a transient service named after the unit, collected afterwards; <paramref name="tty"/>
    /// connects it through a pseudo terminal (--pty), otherwise systemd-run hands it its own stdin/stdout/stderr
    /// (--pipe, works without a terminal). --wait returns the program's exit status.
    /// </summary>
    public static IReadOnlyList<string> Args(ShellPlan plan, bool tty, string nonce)
    {
        var args = new List<string>
        {
            "--unit=" + UnitNameFor(plan.Unit, nonce),
            "--description=HardenTui shell in the sandbox of " + plan.Unit,
            "--collect", "--wait", tty ? "--pty" : "--pipe",
            "--setenv=PS1=[" + plan.Unit + " sandbox] \\w \\$ ",
        };
        foreach (var s in plan.Settings)
            args.Add("--property=" + s.Assignment);
        // The manager substitutes $VAR in a service's command line (also a transient one's): "$$" keeps a "$" for
        // the program, so `-- sh -c 'echo $$'` reaches sh as typed.
        args.Add("--");
        args.Add(plan.Program.Path.Replace("$", "$$"));
        args.AddRange(plan.Program.Argv.Select(a => a.Replace("$", "$$")));
        return args;
    }

    /// <summary>"hardentui-shell-nginx-4242.service": valid whatever the service's prefix holds.</summary>
    public static string UnitNameFor(string unit, string nonce)
    {
        var prefix = new string(Units.UnitName.Parse(unit).Prefix.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        if (prefix.Length > 100) prefix = prefix[..100];
        return $"hardentui-shell-{prefix}-{nonce}.service";
    }

    /// <summary>The key systemd-run (client side) or the manager refused, with its words; null when the error is another.</summary>
    public static (string Key, string Message)? Refusal(string stderr, IEnumerable<string> keys)
    {
        var known = keys.ToHashSet(StringComparer.Ordinal);
        foreach (var line in stderr.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var m = RefusalPattern().Match(line);
            if (m.Success && known.Contains(m.Groups["key"].Value))
                return (m.Groups["key"].Value, line);
        }
        return null;
    }

    // "Unknown assignment: PrivatePIDs=yes", "Failed to parse ProtectControlGroups: strict" (systemd-run, 252),
    // "Failed to start transient service unit: Cannot set property X, or unknown property." (the manager).
    [GeneratedRegex(@"^(?:Unknown assignment: (?<key>[A-Za-z0-9]+)=|Failed to parse (?<key>[A-Za-z0-9]+)[: ]|.*Cannot set property (?<key>[A-Za-z0-9]+), or unknown property)")]
    private static partial Regex RefusalPattern();

    /// <summary>systemd-run's own report lines (printed without --quiet), which the shell keeps to itself unless the end was unusual.</summary>
    public static bool IsReportLine(string line) => ReportPattern().IsMatch(line);

    [GeneratedRegex(@"^(Running as unit|Finished with result|Main processes terminated with|Service runtime|CPU time consumed|Memory peak|Memory swap peak|IP traffic (received|sent)|IO bytes (read|written)): ")]
    private static partial Regex ReportPattern();

    /// <summary>
    /// The transient unit's end from systemd-run's report ("Finished with result: signal", "Main processes terminated
    /// with: code=killed/status=SYS"), in a learner's terms; null for an ordinary exit.
    /// </summary>
    public static string? Explain(IEnumerable<string> reportLines)
    {
        var lines = reportLines.ToList();
        var result = lines.Select(l => ResultPattern().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        var status = lines.Select(l => StatusPattern().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        if (result is null or "success") return null;
        var why = status switch
        {
            "SYS" => "killed by SIGSYS: it made a system call outside SystemCallFilter=, which would kill the service the same way",
            "203/EXEC" => "the program could not be executed: NoExecPaths=/ExecPaths=, the file-system view or its permissions forbid it",
            "200/CHDIR" => "WorkingDirectory= is not reachable in this sandbox",
            "217/USER" => "User= does not exist on this machine",
            "216/GROUP" => "Group= does not exist on this machine",
            "218/CAPABILITIES" => "the capability settings could not be applied",
            "226/NAMESPACE" => "the file-system view could not be set up (a path in ReadWritePaths=, BindPaths= or the like may be missing; prefix it with '-')",
            "228/SECCOMP" => "the system-call filter could not be installed",
            "231/SMACK_PROCESS_LABEL" or "231/APPARMOR" => "the security profile could not be applied",
            "233/RUNTIME_DIRECTORY" or "238/STATE_DIRECTORY" or "239/CACHE_DIRECTORY" or "240/LOGS_DIRECTORY" or "241/CONFIGURATION_DIRECTORY"
                => "one of the unit's *Directory= could not be created",
            _ when status is not null && status.Contains('/') => $"systemd could not start it ({status})",
            _ => null,
        };
        if (result == "exit-code" && why is null) return null;
        return $"the shell's unit ended with result {result}" + (status is null ? "" : $", status {status}") + (why is null ? "" : $": {why}");
    }

    [GeneratedRegex(@"^Finished with result: (\S+)")]
    private static partial Regex ResultPattern();

    [GeneratedRegex(@"^Main processes terminated with: code=\w+/status=(\S+)")]
    private static partial Regex StatusPattern();
}
