// Traces a unit by restarting it under strace through a runtime drop-in (see Core StraceDropIn for the wrapping).
// Output goes to /run/hardentui-trace/<unit>/, a 0700 directory owned by root (or by the unit's User=, which the
// wrapped strace runs as and must write with); it never travels through the journal. The drop-in is removed on
// stop, and any left by a crash is removed at the next start (it carries StraceDropIn.Marker).
using HardenTui.Core;
using HardenTui.Core.Tracing;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

public sealed class StraceWrapperTracer(ISystemd systemd, IProcessRunner runner) : ITracer
{
    public const string TraceRoot = "/run/hardentui-trace";
    public string Method => "strace";

    public static string DropInPath(string unit) => $"/run/systemd/system/{unit}.d/{StraceDropIn.FileName}";

    public async Task<string?> UnavailableReasonAsync(string unit, CancellationToken ct = default)
    {
        var r = await runner.RunAsync(ProcessSpec.Of("strace", "-V"), ct);
        return r.Ok ? null : "strace is not installed (apt-get install strace)";
    }

    public async Task<IRunningTrace> StartAsync(string unit, TraceOptions options, CancellationToken ct = default)
    {
        if (!unit.EndsWith(".service", StringComparison.Ordinal) || unit.Contains('/'))
            throw new BadInputException($"not a service unit name: {unit}");
        if (await UnavailableReasonAsync(unit, ct) is { } reason) throw new SystemdException(reason);
        await RemoveLeftoversAsync(ct);
        var props = await systemd.GetPropertiesAsync(unit, ct);
        var wasActive = props.String("ActiveState") is "active" or "reloading" or "activating";
        var commands = UnitCommands.Of(props);
        if (commands["ExecStart"].Count == 0) throw new BadInputException($"{unit} has no ExecStart= to wrap");
        var dir = $"{TraceRoot}/{unit}";
        var user = props.String("User") is { Length: > 0 } u ? u : "root";
        await MustAsync(new ProcessSpec("sh", ["-c", "rm -rf \"$1\" && install -d -m 0700 -o \"$2\" \"$1\"", "sh", dir, user]), ct);
        var (text, files) = StraceDropIn.Render(props.String("Type") ?? "simple", commands, dir);
        text += $"ReadWritePaths=-{dir}\nExecPaths=-/usr/bin/strace\n";
        if (props.Values.TryGetValue("SystemCallFilter", out var filter) && filter.ValueKind == System.Text.Json.JsonValueKind.Array
            && filter.GetArrayLength() == 2 && filter[1].GetArrayLength() > 0)
            text += "SystemCallFilter=\n"; // strace itself needs calls outside most allow-lists; the trace is to find what the service needs
        var dropIn = DropInPath(unit);
        await MustAsync(new ProcessSpec("sh", ["-c", "mkdir -p \"${1%/*}\" && cat > \"$1\"", "sh", dropIn], Stdin: text), ct);

        async Task Restore(CancellationToken token)
        {
            await runner.RunAsync(new ProcessSpec("sh", ["-c", "rm -f \"$1\"; rmdir \"${1%/*}\" 2>/dev/null; true", "sh", dropIn]), token);
            await systemd.DaemonReloadAsync(token);
            if (wasActive) await systemd.RestartAsync(unit, options.JobTimeout, token);
            else await systemd.StopAsync(unit, options.JobTimeout, token);
        }
        Task Cleanup(CancellationToken token) =>
            runner.RunAsync(new ProcessSpec("sh", ["-c", "rm -rf \"$1\"; rmdir \"$2\" 2>/dev/null; true", "sh", dir, TraceRoot]), token);

        try
        {
            await systemd.DaemonReloadAsync(ct);
            await systemd.RestartAsync(unit, options.JobTimeout, ct);
            await Task.Delay(300, ct);
            var now = await systemd.GetPropertiesAsync(unit, ct);
            if (now.String("ActiveState") is "failed" || now.String("SubState") is "auto-restart" or "failed")
                throw new SystemdException($"{unit} did not start under strace (Result={now.String("Result")}); see journalctl -u {unit}");
        }
        catch
        {
            await Restore(CancellationToken.None);
            await Cleanup(CancellationToken.None);
            throw;
        }
        return new FollowedTrace(unit, options, files.Select(f => new TraceFileFollower(runner, f)).ToList(), Restore, Cleanup);
    }

    /// <summary>Drop-ins and trace directories a crashed run of ours left behind.</summary>
    public async Task<int> RemoveLeftoversAsync(CancellationToken ct = default)
    {
        var r = await runner.RunAsync(new ProcessSpec("sh", ["-c",
            "n=0; for f in /run/systemd/system/*.d/\"$1\"; do [ -f \"$f\" ] && grep -qF \"$2\" \"$f\" && rm -f \"$f\" && n=$((n+1)); done; rm -rf \"$3\"; echo $n",
            "sh", StraceDropIn.FileName, StraceDropIn.Marker, TraceRoot]), ct);
        var removed = int.TryParse(r.Stdout.Trim(), out var n) ? n : 0;
        if (removed > 0) await systemd.DaemonReloadAsync(ct);
        return removed;
    }

    private async Task MustAsync(ProcessSpec spec, CancellationToken ct)
    {
        var r = await runner.RunAsync(spec, ct);
        if (!r.Ok) throw new SystemdException($"{spec.File} {string.Join(' ', spec.Args.Take(2))}: {r.Stderr.Trim()}");
    }
}
