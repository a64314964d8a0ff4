// The runtime drop-in that wraps a unit's commands in strace. Every ExecStartPre/ExecStart/ExecStartPost/ExecReload/ExecStop/ExecStopPost
// is reset and re-emitted as "strace -f -A -s 0 -o DIR/<setting>.<n> -- <command>": -f follows forks, -s 0 prints no
// buffer contents (no secrets in the log; paths are still printed whole), -A appends: a command runs more than once
// while traced (the restart into the trace already stops the old instance with the wrapped ExecStop=, the restore
// stops it again; every reload runs ExecReload=; Restart= reruns ExecStart=), and a file reopened with O_TRUNC under
// a follower that has already read it loses the first run and hands the follower a line cut in the middle.
// Type=forking needs -D (strace becomes a detached grandchild, so the forking parent can exit and systemd sees the
// real daemon); Type=notify needs
// NotifyAccess=all because strace, not the daemon, is then the main process. Argument quoting per systemd.syntax(7)
// and systemd.service(5) "Command lines" (systemd 252): "%" must be doubled, "$VAR" stays for systemd to expand.
// TimeoutStopSec= is bounded while traced: systemd's SIGTERM reaches strace and the traced daemon at once, and when
// strace detaches first the daemon's pending SIGTERM can be lost (seen with redis-server on 257: "Stopping…" and
// nothing more), so the stop would wait the default 90 s, longer than HardenTui waits for the job.
using System.Text;

namespace HardenTui.Core.Tracing;

public static class StraceDropIn
{
    public const string FileName = "zz-hardentui-trace.conf";
    public const string Marker = "# Written by hardentui trace; removed when the trace stops.";

    /// <summary>How long systemd waits for a traced service to stop before SIGKILL (below HardenTui's 60 s job wait).</summary>
    public const int TracedStopSeconds = 20;

    public static readonly string[] Settings = ["ExecStartPre", "ExecStart", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost"];

    private static readonly Dictionary<string, string> Prefixes = new()
    {
        ["ignore-failure"] = "-", ["privileged"] = "+", ["no-setuid"] = "!", ["ambient"] = "!!", ["no-env-expand"] = ":",
    };

    /// <summary>The drop-in text, and the trace files it will make strace write (one per wrapped command).</summary>
    public static (string Text, IReadOnlyList<string> TraceFiles) Render(string serviceType,
        IReadOnlyDictionary<string, IReadOnlyList<ExecCommand>> commands, string traceDir, string strace = "/usr/bin/strace")
    {
        var s = new StringBuilder().AppendLine(Marker).AppendLine("[Service]");
        if (serviceType is "notify" or "notify-reload") s.AppendLine("NotifyAccess=all");
        s.AppendLine($"TimeoutStopSec={TracedStopSeconds}s");
        var files = new List<string>();
        foreach (var setting in Settings)
        {
            if (!commands.TryGetValue(setting, out var list) || list.Count == 0) continue;
            s.AppendLine($"{setting}=");
            for (var i = 0; i < list.Count; i++)
            {
                var command = list[i];
                var file = $"{traceDir}/{setting}.{i}";
                files.Add(file);
                var prefix = string.Concat(command.Flags.Select(f => Prefixes.GetValueOrDefault(f, "")));
                var daemonize = setting == "ExecStart" ? " -D" : "";
                var argv = command.Argv.Count > 0 ? command.Argv : [command.Path];
                var args = string.Join(' ', new[] { command.Path }.Concat(argv.Skip(1)).Select(Quote));
                s.AppendLine($"{setting}={prefix}{strace} -f{daemonize} -A -s 0 -o {Quote(file)} -- {args}");
            }
        }
        return (s.ToString(), files);
    }

    internal static string Quote(string arg)
    {
        var escaped = arg.Replace("%", "%%");
        if (escaped.Length > 0 && escaped.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:,+@$".Contains(c))) return escaped;
        return "\"" + escaped.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
