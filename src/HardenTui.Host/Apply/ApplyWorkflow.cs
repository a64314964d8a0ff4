// Apply = journal the operation, write our drop-in, daemon-reload, restart, verify. If the service does not come
// back healthy, bisect over the drop-in's directive groups (each question a real write + restart + verify) to the
// largest part that works, apply that, or roll back to exactly what was there before. The journal record is only
// completed once the unit is in a state we chose, so a kill -9 anywhere in between is undone by Recovery.
// The CLI and the wizard both apply through here; the wizard's bisect (FindCulpritsAsync) names the culprit and
// then restores, and its apply screen hears each step through Step.
using HardenTui.Core.Directives;
using HardenTui.Core.Export;
using HardenTui.Core.Overrides;
using HardenTui.Core.Proposals;
using HardenTui.Core.Wizard;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Apply;

public sealed class ApplyWorkflow(ISystemd systemd, DropInStore store, OperationJournal journal, ServiceHealth health, TimeProvider clock)
{
    private static readonly TimeSpan UnitTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan BackSettle = TimeSpan.FromSeconds(2);
    private static readonly string[] Companions = ["ReadWritePaths", "ExecPaths", "IPAddressAllow"];
    private readonly ServiceHealth _health = health;

    /// <summary>Progress lines for the user (what is being written, restarted, found).</summary>
    public event Action<string>? Progress;

    /// <summary>Where the drop-in was learned; written into it as a comment so an export of it says so.</summary>
    public HostFingerprint? Learned { get; set; }

    /// <summary>Hears each step of the first restart (write, daemon-reload, restart, settle, probe, journal scan, reload, soak), of the
    /// set a bisect keeps, and of a rollback.</summary>
    public StepReport? Step { get; set; }

    private readonly HashSet<string> _verified = [];

    /// <summary>
    /// The one gate before anything is written: the drop-in holds hardening directives only, with valid values
    /// (<see cref="HardeningDropIn"/>, Core), and systemd itself reads the text about to be written without a
    /// complaint (<see cref="ManagerCheck"/>). BadInputException otherwise; nothing has been written then.
    /// </summary>
    public async Task CheckAsync(DropIn dropIn, CancellationToken ct = default)
    {
        var text = Checked(dropIn);
        if (_verified.Contains(Key(dropIn.Directives))) return;
        await new ManagerCheck(_health.Runner, store.Root).VerifyAsync(dropIn.Unit, text, ct);
        _verified.Add(Key(dropIn.Directives));
    }

    /// <summary>The text to write for the drop-in, parsed back and checked as the file systemd will read.</summary>
    private string Checked(DropIn dropIn)
    {
        HardeningDropIn.Check(dropIn, DirectiveCatalog.Load());
        var text = dropIn.Render(clock.GetUtcNow());
        text = Learned?.Stamp(text) ?? text;
        HardeningDropIn.Parse(dropIn.Unit, text, DirectiveCatalog.Load());
        return text;
    }

    public async Task<ApplyOutcome> ApplyAsync(DropIn dropIn, HealthCheck check, bool bisect, CancellationToken ct = default)
    {
        var unit = dropIn.Unit;
        using var held = UnitLock.Acquire(store.Root, unit, "apply", clock);
        await CheckAsync(dropIn, ct);
        var (operation, before, wasActive) = await BeginAsync("apply", unit, ct);
        try
        {
            return await TryAllAsync(dropIn, check, bisect, operation, before, wasActive, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM mid-way: put back now what the next start's recovery would, and let the caller say so.
            Progress?.Invoke($"interrupted: rolling back {unit} to its configuration before this run ...");
            await RollbackAsync(operation, unit, before, wasActive, CancellationToken.None);
            throw;
        }
    }

    private async Task<ApplyOutcome> TryAllAsync(DropIn dropIn, HealthCheck check, bool bisect, JournalOperation operation, string? before, bool wasActive, CancellationToken ct)
    {
        var unit = dropIn.Unit;
        var trial = new Trial(this, operation, check, ct);

        Progress?.Invoke($"writing /{store.RelativePath(unit)} ({dropIn.Directives.Count} directives), restarting {unit} ...");
        var first = await trial.TryAsync(dropIn, Step);
        if (first.Healthy)
        {
            operation.Complete();
            return new ApplyOutcome(dropIn, [], first, trial.Restarts);
        }
        if (bisect && dropIn.Directives.Count > 0)
        {
            Progress?.Invoke($"{unit} failed with the drop-in ({first}); bisecting its directives with real restarts ...");
            var kept = await KeepAsync(dropIn, first);
            if (kept is { Last: { Healthy: false, InSoak: true } } && trial.SoakSkipped)
            {
                // The trials skipped the soak and the set they kept fails in it: bisect that set again, soaking each try.
                var (set, dropped, last) = kept.Value;
                Progress?.Invoke($"{unit} failed in the soak with the {set.Directives.Count} directive(s) kept; bisecting them again, with the soak ...");
                trial.SoakEveryTry();
                kept = await KeepAsync(set, last) is { } again ? again with { Dropped = [.. dropped, .. again.Dropped] } : null;
            }
            if (kept is { Last.Healthy: true } hardened)
            {
                operation.Complete();
                return new ApplyOutcome(hardened.Set, hardened.Dropped, hardened.Last, trial.Restarts);
            }
        }
        Progress?.Invoke($"rolling back {unit} to its configuration before this run ...");
        await RollbackAsync(operation, unit, before, wasActive, ct);
        return new ApplyOutcome(null, [], first, trial.Restarts);

        // Bisects the set (whose whole was just answered: whole) and tries what it keeps with the full check; null when nothing can be kept.
        async Task<(DropIn Set, IReadOnlyList<DroppedDirective> Dropped, HealthReport Last)?> KeepAsync(DropIn set, HealthReport whole)
        {
            var (result, dropped) = await BisectAsync(set, trial, whole, ct);
            if (result.BaseBroken || result.Kept.Count == 0) return null;
            var kept = set with { Directives = result.Kept.SelectMany(g => g).ToList() };
            return (kept, dropped, await trial.TryAsync(kept, Step, full: true));
        }
    }

    /// <summary>
    /// Names what breaks the service without keeping anything: bisects the drop-in's directive groups with real
    /// restarts (<paramref name="progress"/> hears tried, total so far), then puts back what was there before.
    /// </summary>
    public async Task<BisectOutcome> FindCulpritsAsync(DropIn dropIn, HealthCheck check, Action<int, int>? progress = null, CancellationToken ct = default)
    {
        var unit = dropIn.Unit;
        using var held = UnitLock.Acquire(store.Root, unit, "apply", clock);
        await CheckAsync(dropIn, ct);
        var (operation, before, wasActive) = await BeginAsync("bisect", unit, ct);
        var groups = Groups(dropIn.Directives).Count;
        var trial = new Trial(this, operation, check, ct) { Tried = progress is null ? null : n => progress(n, Math.Max(groups, n + 1)) };
        try
        {
            var (result, dropped) = await BisectAsync(dropIn, trial, null, ct);
            return new BisectOutcome(dropped, result.BaseBroken, trial.Restarts);
        }
        finally
        {
            await RollbackAsync(operation, unit, before, wasActive, CancellationToken.None);
        }
    }

    private async Task<(BisectResult<IReadOnlyList<DropInDirective>> Result, IReadOnlyList<DroppedDirective> Dropped)> BisectAsync(
        DropIn dropIn, Trial trial, HealthReport? whole, CancellationToken ct)
    {
        // The bisect asks about the whole drop-in first; when that was just tried (whole), its answer is reused, not restarted for.
        var result = await Bisect.FindCulpritsAsync(Groups(dropIn.Directives),
            async (set, token) => whole is not null && set.Sum(g => g.Count) == dropIn.Directives.Count
                ? whole.Healthy
                : (await trial.TryAsync(dropIn with { Directives = set.SelectMany(g => g).ToList() })).Healthy, ct);
        var dropped = result.Dropped.Select(c => new DroppedDirective(c.Directive, c.Partners.SelectMany(p => p).Select(d => d.Name).ToList(),
            trial.Reports.GetValueOrDefault(Key(c.Directive)) ?? trial.Reports[Key(dropIn.Directives)])).ToList(); // the whole set is always tried first
        return (result, dropped);
    }

    /// <summary>
    /// One apply or bisect run: each try is a real write + reload + restart + verify, remembered by its directives.
    /// Once a try has failed before its soak (the restart, settle, probe, journal scan or reload showed it), the
    /// following tries skip the soak: a bisect of 30 groups would otherwise watch for a minute per try. A try marked
    /// full (the set about to be kept) always soaks.
    /// </summary>
    private sealed class Trial(ApplyWorkflow workflow, JournalOperation operation, HealthCheck check, CancellationToken ct)
    {
        private readonly HealthCheck _full = check;
        private HealthCheck _each = check;
        public int Restarts { get; private set; }
        public Dictionary<string, HealthReport> Reports { get; } = [];
        public Action<int>? Tried { get; init; }
        public bool SoakSkipped => _each.Soak < _full.Soak;

        public void SoakEveryTry() => _each = _full;

        public async Task<HealthReport> TryAsync(DropIn candidate, StepReport? step = null, bool full = false)
        {
            await workflow.WriteAsync(candidate, operation, step, ct);
            Restarts++;
            var report = await workflow._health.RestartAndVerifyAsync(candidate.Unit, full ? _full : _each, ct, step);
            Reports[Key(candidate.Directives)] = report;
            workflow.Progress?.Invoke($"  {candidate.Directives.Count} directive(s): {report}");
            Tried?.Invoke(Restarts);
            if (!report.Healthy && !report.InSoak && _each.Soak > TimeSpan.Zero)
            {
                _each = _full with { Soak = TimeSpan.Zero };
                workflow.Progress?.Invoke($"  (it failed before the soak, so the next tries skip the {_full.Soak.TotalSeconds:0} s soak; the set kept is soaked at the end)");
            }
            return report;
        }
    }

    /// <summary>
    /// Takes our drop-in out (backed up first) and reloads; a unit that runs, or failed (it was meant to run: our
    /// drop-in is the likely cause), is then brought back: reset-failed, restart, and checked to be running.
    /// False when there was no drop-in; <see cref="ServiceDownException"/> when the unit stays down even so.
    /// </summary>
    public async Task<bool> RemoveAsync(string unit, CancellationToken ct = default)
    {
        using var held = UnitLock.Acquire(store.Root, unit, "rollback", clock);
        var state = (await systemd.GetPropertiesAsync(unit, ct)).String("ActiveState");
        var (operation, _, _) = await BeginAsync("rollback", unit, ct);
        var removed = store.Remove(unit, operation);
        await systemd.DaemonReloadAsync(ct);
        operation.Complete();
        store.RemoveDirectoryIfOurs(unit);
        if (removed && state is "active" or "activating" or "reloading" or "failed") await BringBackAsync(unit, ct);
        return removed;
    }

    /// <summary>reset-failed (a unit that hit its start limit would refuse the restart), restart, and check it stays active.</summary>
    private async Task BringBackAsync(string unit, CancellationToken ct)
    {
        try { await systemd.ResetFailedAsync(unit, ct); }
        catch (SystemdException) { /* as `systemctl reset-failed`'s exit code was: the restart below says what matters */ }
        string? why = null;
        try
        {
            await systemd.RestartAsync(unit, UnitTimeout, ct);
            await Task.Delay(BackSettle, clock, ct);
            var p = await systemd.GetPropertiesAsync(unit, ct);
            if (p.String("ActiveState") is not ("active" or "reloading") and var s) why = $"it is {s} ({p.String("SubState")})";
        }
        catch (SystemdException e) { why = e.Message; }
        if (why is not null)
            throw new ServiceDownException($"{unit} is down even with HardenTui's changes undone: {why}; it fails with its own configuration (journalctl -u {unit})");
    }

    /// <summary>Journals an operation on the unit before anything changes: the record, our drop-in as it is, and whether the unit ran.</summary>
    private async Task<(JournalOperation Operation, string? Before, bool WasActive)> BeginAsync(string kind, string unit, CancellationToken ct)
    {
        var wasActive = (await systemd.GetPropertiesAsync(unit, ct)).String("ActiveState") == "active";
        return (journal.Begin(kind, unit, wasActive), store.Read(unit), wasActive);
    }

    private async Task RollbackAsync(JournalOperation operation, string unit, string? before, bool wasActive, CancellationToken ct)
    {
        Step?.Invoke("rollback", StepStatus.Running, before is null ? "removing the drop-in" : "restoring the previous drop-in");
        new Recovery(journal, systemd).Restore(operation.Record);
        await systemd.DaemonReloadAsync(ct);
        try
        {
            if (wasActive) await BringBackAsync(unit, ct);
            else await systemd.StopAsync(unit, UnitTimeout, ct);
        }
        finally
        {
            if (store.Read(unit) == before) operation.Complete();
            if (before is null) store.RemoveDirectoryIfOurs(unit);
        }
        Step?.Invoke("rollback", StepStatus.Done, wasActive ? "previous state restored and restarted" : "previous state restored");
    }

    private async Task WriteAsync(DropIn candidate, JournalOperation operation, StepReport? step, CancellationToken ct)
    {
        step?.Invoke("write", StepStatus.Running, "");
        store.Write(candidate.Unit, Checked(candidate), operation);
        step?.Invoke("write", StepStatus.Done, "/" + store.RelativePath(candidate.Unit));
        step?.Invoke("daemon-reload", StepStatus.Running, "");
        await systemd.DaemonReloadAsync(ct);
        step?.Invoke("daemon-reload", StepStatus.Done, "");
    }

    /// <summary>Directives that only make sense together (ProtectSystem= + ReadWritePaths=) are bisected as one.</summary>
    internal static IReadOnlyList<IReadOnlyList<DropInDirective>> Groups(IReadOnlyList<DropInDirective> directives)
    {
        var groups = new List<List<DropInDirective>>();
        foreach (var d in directives)
            if (Companions.Contains(d.Name) && groups.Count > 0) groups[^1].Add(d);
            else groups.Add([d]);
        return groups;
    }

    private static string Key(IEnumerable<DropInDirective> directives) => string.Join('\n', directives.Select(d => d.Line));
}
