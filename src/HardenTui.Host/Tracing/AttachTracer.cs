// Traces a running service without restarting it: strace -f -p on its main process and every descendant (from
// the cgroup's process list where readable, else the process tree under MainPID). strace runs detached, writing to
// a root-only 0700 directory; stopping sends it SIGINT, which detaches from the service and leaves it running.
// What happened before the attach (exec, library loading, bind) is not seen: use the strace wrapper for that.
using HardenTui.Core;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

public sealed class AttachTracer(ISystemd systemd, IProcessRunner runner) : ITracer
{
    public string Method => "attach";
    public string Sees => "only what the running processes do after the attach: no exec, library loading or bind (--method strace sees those)";

    public async Task<string?> UnavailableReasonAsync(string unit, CancellationToken ct = default)
    {
        if (!(await runner.RunAsync(ProcessSpec.Of("strace", "-V"), ct)).Ok) return "strace is not installed (apt-get install strace)";
        var main = (await systemd.GetPropertiesAsync(unit, ct)).UNumber("MainPID") ?? 0;
        return main > 0 ? null : $"{unit} has no running main process to attach to";
    }

    public async Task<IRunningTrace> StartAsync(string unit, TraceOptions options, CancellationToken ct = default)
    {
        if (await UnavailableReasonAsync(unit, ct) is { } reason) throw new BadInputException(reason);
        var props = await systemd.GetPropertiesAsync(unit, ct);
        var main = props.UNumber("MainPID")!.Value;
        var dir = $"{StraceWrapperTracer.TraceRoot}/attach-{unit}";
        var file = $"{dir}/trace";
        const string script = """
            set -e
            rm -rf "$1"; install -d -m 0700 "$1"
            tree() { echo "$1"; for c in $(pgrep -P "$1"); do tree "$c"; done; }
            procs=$( { cat "/sys/fs/cgroup$3/cgroup.procs" 2>/dev/null || true; tree "$4"; } | sort -un)
            args=""; for p in $procs; do args="$args -p $p"; done
            setsid strace -f -s 0 -o "$2" $args </dev/null >/dev/null 2>"$1/strace.err" &
            echo $!
            """;
        var r = await runner.RunAsync(new ProcessSpec("sh", ["-c", script, "sh", dir, file, props.String("ControlGroup") ?? "", main.ToString()]), ct);
        if (!r.Ok || !int.TryParse(r.Stdout.Trim(), out var stracePid))
            throw new SystemdException($"could not attach strace to {unit}: {r.Stderr.Trim()}");

        async Task Detach(CancellationToken token) =>
            await runner.RunAsync(new ProcessSpec("sh", ["-c", "kill -INT \"$1\" 2>/dev/null; for i in $(seq 100); do kill -0 \"$1\" 2>/dev/null || exit 0; sleep 0.1; done; kill -KILL \"$1\"",
                "sh", stracePid.ToString()]), token);
        Task Cleanup(CancellationToken token) =>
            runner.RunAsync(new ProcessSpec("sh", ["-c", "rm -rf \"$1\"; rmdir \"$2\" 2>/dev/null; true", "sh", dir, StraceWrapperTracer.TraceRoot]), token);
        return new FollowedTrace(unit, options, [new TraceFileFollower(runner, file)], Detach, Cleanup);
    }
}
