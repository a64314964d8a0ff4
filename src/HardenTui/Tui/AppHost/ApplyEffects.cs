using System.Diagnostics;
using HardenTui.Core.Overrides;
using HardenTui.Core.Wizard;
using HardenTui.Host.Apply;
using HardenTui.Host.Export;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Tui.AppHost;

/// <summary>
/// The wizard's apply and bisect, both through <see cref="ApplyWorkflow"/> (the CLI's): write, daemon-reload,
/// restart, verify, reload, soak, shown as steps; on failure the previous state is put back; bisect tries subsets of the
/// directives with real restarts until it names the one(s) that break the service, then restores. Every change
/// goes through the crash journal, so a killed wizard is recovered on the next start.
/// </summary>
internal sealed class ApplyEffects(ISystemd systemd, IProcessRunner runner, string root = "/", TimeSpan? soak = null)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private readonly TimeSpan _soak = soak ?? HealthCheck.DefaultSoak;

    private ApplyWorkflow Workflow() => new(systemd, new DropInStore(root, TimeProvider.System), new OperationJournal(root, TimeProvider.System),
        new ServiceHealth(systemd, runner, TimeProvider.System), TimeProvider.System);

    /// <summary>Settle, probe and journal, then a reload where the unit can reload and the soak (60 s unless `hardentui --soak N`).</summary>
    private HealthCheck Check(string probe) => new(probe.Length == 0 ? null : probe, Settle) { Soak = _soak };

    public async Task ApplyAsync(Cmd.Apply a, Action<Msg> post, CancellationToken ct)
    {
        // Held from the re-read to the end, so nothing changes the unit between the check and the write.
        using var held = UnitLock.Acquire(root, a.Unit, "apply", TimeProvider.System);
        if (a.Seen is not null && await systemd.CatAsync(a.Unit, ct) is var now && now != a.Seen)
        {
            post(new Msg.UnitEditedSinceReview(a.Unit, now));
            return;
        }
        await using var live = await FollowAsync(a.Unit, post, ct);
        var steps = new ApplySteps(post, "write", "daemon-reload", "restart", "settle", "probe", "journal scan", "reload", "soak");
        var workflow = Workflow();
        // Stamped with this machine like `hardentui apply`, so an export of the applied drop-in names where it was learned.
        workflow.Learned = await FingerprintReader.ReadAsync(runner, ct);
        workflow.Step = (name, status, detail) => steps.Set(name, status,
            name == "probe" && status == StepStatus.Skipped ? "no probe set (p on the trace screen)" : detail);
        var outcome = await workflow.ApplyAsync(DomainViews.DropIn(a.Unit, a.Directives), Check(a.Probe), bisect: false, ct);
        steps.SkipPending();
        post(new Msg.ApplyFinished(outcome.Hardened, !outcome.Hardened));
    }

    /// <summary>The overview's relax: the line added to the drop-in as a new revision, restart-verified (rolled back if it does not help).</summary>
    public async Task<string> RelaxAsync(Cmd.Relax r, CancellationToken ct)
    {
        var workflow = Workflow();
        workflow.Learned = await FingerprintReader.ReadAsync(runner, ct);
        var store = new DropInStore(root, TimeProvider.System);
        var inForce = store.Read(r.Unit) is { } text ? Core.Overrides.DropIn.Parse(r.Unit, text) : new Core.Overrides.DropIn(r.Unit, []);
        var eq = r.Line.IndexOf('=');
        var relax = new DropInDirective(r.Line[..eq], r.Line[(eq + 1)..], "relaxed from the overview: a denial the watch found");
        var outcome = await DenialWatch.RelaxAsync(workflow, inForce, relax, Check("") with { Soak = TimeSpan.Zero }, ct);
        return outcome.Hardened ? $"{r.Unit} restarted with {r.Line} and is working"
            : $"{r.Unit} did not come back healthy with {r.Line} ({outcome.LastReport}); the previous revision is back";
    }

    public async Task BisectAsync(Cmd.Bisect b, Action<Msg> post, CancellationToken ct)
    {
        await using var live = await FollowAsync(b.Unit, post, ct);
        var outcome = await Workflow().FindCulpritsAsync(DomainViews.DropIn(b.Unit, b.Directives), Check(b.Probe),
            (tried, total) => post(new Msg.BisectProgress(tried, total)), ct);
        if (outcome.BaseBroken)
            post(new Msg.Failed($"{b.Unit} fails even without the drop-in; nothing to bisect"));
        post(new Msg.BisectFinished(outcome.Dropped.FirstOrDefault() is { } d ? Culprit(d.Lines) : null));
    }

    /// <summary>The unit's state as systemd announces it, for the apply screen while it restarts (nothing if it cannot be followed).</summary>
    private async Task<IAsyncDisposable> FollowAsync(string unit, Action<Msg> post, CancellationToken ct)
    {
        try
        {
            return await systemd.WatchUnitAsync(unit, s => post(new Msg.UnitChanged(s)), ct);
        }
        catch (SystemdException)
        {
            return NoFollow.Instance;
        }
    }

    private sealed class NoFollow : IAsyncDisposable
    {
        public static readonly NoFollow Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>"NoExecPaths=/ with ExecPaths=": a directive and the companions it is tried with.</summary>
    internal static string Culprit(IReadOnlyList<DropInDirective> lines) =>
        lines[0].Line + (lines.Count > 1 ? " with " + string.Join(", ", lines.Skip(1).Select(d => d.Name + "=")) : "");

    /// <summary>$VISUAL or $EDITOR (else vi) on a copy of the drop-in; the saved lines come back.</summary>
    public static IReadOnlyList<string> Edit(string unit, string dropIn)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hardentui-{Environment.ProcessId}-{unit}.conf");
        File.WriteAllText(file, dropIn);
        try
        {
            TerminalProcess.Edit(file);
            return File.ReadAllLines(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
