using HardenTui.Core.Findings;
using HardenTui.Core.Wizard;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;
using HardenTui.Host.Tracing;

namespace HardenTui.Tui.AppHost;

/// <summary>
/// Tracing from the wizard: which methods work here, and a run that posts a findings snapshot every half second
/// (new items marked against the previous snapshot), runs the probe, and on stop or timeout restores the unit.
/// The last findings are kept for the proposals. Every method holds the unit's lock while it traces, as the CLI's
/// trace does: an apply or bisect restarting the unit meanwhile would leave an attach or audit trace following
/// processes that are gone.
/// </summary>
internal sealed class TraceEffects(ISystemd systemd, IProcessRunner runner, string root = "/")
{
    private static readonly TimeSpan SnapshotEvery = TimeSpan.FromMilliseconds(500);
    private readonly (ITracer Tracer, string Description)[] _tracers = Journaled(systemd, root,
    [
        (new StraceWrapperTracer(systemd, runner), "restart the service under strace -f, restore it afterwards"),
        (new AttachTracer(systemd, runner), "strace -p on the running processes, no restart (misses start-up)"),
        (new SystemCallLogTracer(systemd, runner), "SystemCallLog= logs calls outside @system-service (kernel log)"),
        (new AuditExecveTracer(systemd, runner), "execve records of the service's processes from auditd"),
    ]);
    private CancellationTokenSource? _stop;

    public Findings? Last { get; private set; }

    public async Task<IReadOnlyList<TraceMethodView>> MethodsAsync(string unit, CancellationToken ct)
    {
        var methods = new List<TraceMethodView>();
        foreach (var (tracer, description) in _tracers)
            methods.Add(new(tracer.Method, description, await tracer.UnavailableReasonAsync(unit, ct)));
        return methods;
    }

    public async Task RunAsync(Cmd.StartTrace t, Action<Msg> post, CancellationToken ct)
    {
        var tracer = _tracers.Select(x => x.Tracer).FirstOrDefault(x => x.Method == t.Method) ?? throw new SystemdException($"no tracer named {t.Method}");
        using var held = UnitLock.Acquire(root, t.Unit, "trace", TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromSeconds(t.Seconds));
        _stop = stop;
        var started = DateTime.UtcNow;
        FindingsView? previous = null;
        await using var trace = await tracer.StartAsync(t.Unit, new TraceOptions { InterpreterOf = new ExecutableInterpreters().Of, GroupsOf = await Cli.FindingsCommand.GroupsOfAsync(ct) }, ct);
        var probe = ProbeThenReloadAsync(t, stop.Token);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(SnapshotEvery, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            previous = FindingsViews.From(trace.Snapshot(), previous);
            post(new Msg.TraceProgress((DateTime.UtcNow - started).TotalSeconds, previous));
        }
        try
        {
            await probe;
        }
        catch (OperationCanceledException)
        {
        }
        Last = await trace.StopAsync(CancellationToken.None);
        post(new Msg.TraceFinished(FindingsViews.From(Last, previous)));
    }

    public void Stop() => _stop?.Cancel();

    /// <summary>Tracers that write a runtime drop-in are journaled, so a killed wizard is undone at the next start.</summary>
    private static (ITracer, string)[] Journaled(ISystemd systemd, string root, (ITracer Tracer, string Description)[] tracers)
    {
        var journal = new OperationJournal(root, TimeProvider.System);
        return [.. tracers.Select(t => (t.Tracer is StraceWrapperTracer or SystemCallLogTracer ? new JournaledTracer(t.Tracer, journal, systemd) : t.Tracer, t.Description))];
    }

    /// <summary>The probe, then a reload where the unit can reload, so the trace holds ExecReload='s needs too.</summary>
    private async Task ProbeThenReloadAsync(Cmd.StartTrace t, CancellationToken ct)
    {
        if (t.Probe.Length > 0) await runner.RunAsync(new ProcessSpec("sh", ["-c", t.Probe], Timeout: TimeSpan.FromSeconds(t.Seconds)), ct);
        await UnitExercise.ReloadAsync(systemd, t.Unit, ct);
    }
}
