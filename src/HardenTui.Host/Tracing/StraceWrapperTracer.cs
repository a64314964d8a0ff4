// Traces a unit by restarting it under strace through a runtime drop-in (see Core StraceDropIn for the wrapping).
// Output goes to /run/hardentui-trace/<unit>/, a 0700 directory owned by root (or by the unit's User=, which the
// wrapped strace runs as and must write with); it never travels through the journal. The drop-in also opens
// what strace itself needs in a hardened unit: its binary in ExecPaths=, the trace directory in ReadWritePaths=,
// and no SystemCallFilter= (strace needs ptrace and friends; the point of the trace is to learn the real set).
using HardenTui.Core.Units;
using HardenTui.Core;
using HardenTui.Core.Tracing;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

public sealed class StraceWrapperTracer(ISystemd systemd, IProcessRunner runner) : ITracer
{
    public const string TraceRoot = "/run/hardentui-trace";
    public string Method => "strace";
    public string Sees => "everything from the restart on: executed and mapped files, paths, sockets, binds, every syscall with counts";

    public static string DropInPath(string unit) => RuntimeDropIns.PathOf(unit, StraceDropIn.FileName);

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
        var dropIns = new RuntimeDropIns(systemd, runner);
        await dropIns.RemoveLeftoversAsync(ct);
        var props = await systemd.GetPropertiesAsync(unit, ct);
        var commands = UnitCommands.Of(props);
        if (commands["ExecStart"].Count == 0) throw new BadInputException($"{unit} has no ExecStart= to wrap");
        var dir = $"{TraceRoot}/{unit}";
        var user = props.String("User") is { Length: > 0 } u ? u : "root";
        var mk = await runner.RunAsync(new ProcessSpec("sh", ["-c", "rm -rf \"$1\" && install -d -m 0700 -o \"$2\" \"$1\"", "sh", dir, user]), ct);
        if (!mk.Ok) throw new SystemdException($"cannot create {dir}: {mk.Stderr.Trim()}");
        var (text, files) = StraceDropIn.Render(props.String("Type") ?? "simple", commands, dir);
        text += $"ReadWritePaths=-{dir}\nExecPaths=-/usr/bin/strace\n";
        if (props.Filter("SystemCallFilter") is { Entries.Count: > 0 })
            text += "SystemCallFilter=\n";

        Task Cleanup(CancellationToken token) =>
            runner.RunAsync(new ProcessSpec("sh", ["-c", "rm -rf \"$1\"; rmdir \"$2\" 2>/dev/null; true", "sh", dir, TraceRoot]), token);
        Func<CancellationToken, Task> restore;
        try
        {
            restore = await dropIns.ApplyAsync(unit, StraceDropIn.FileName, text, IsActive(props), options.JobTimeout, ct);
        }
        catch
        {
            await Cleanup(CancellationToken.None);
            throw;
        }
        return new FollowedTrace(unit, options, files.Select(f => new TraceFileFollower(runner, f)).ToList(), restore, Cleanup);
    }

    internal static bool IsActive(UnitProperties p) => p.String("ActiveState") is "active" or "reloading" or "activating";

    /// <summary>Drop-ins and trace directories a crashed run of ours left behind.</summary>
    public Task<int> RemoveLeftoversAsync(CancellationToken ct = default) => new RuntimeDropIns(systemd, runner).RemoveLeftoversAsync(ct);
}
