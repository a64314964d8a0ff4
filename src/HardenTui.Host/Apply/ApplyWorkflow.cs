// Apply = journal the operation, write our drop-in, daemon-reload, restart, verify. If the service does not come
// back healthy, bisect over the drop-in's directive groups (each question a real write + restart + verify) to the
// largest part that works, apply that, or roll back to exactly what was there before. The journal record is only
// completed once the unit is in a state we chose, so a kill -9 anywhere in between is undone by Recovery.
using HardenTui.Core.Export;
using HardenTui.Core.Overrides;
using HardenTui.Core.Proposals;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Apply;

public sealed class ApplyWorkflow(ISystemd systemd, DropInStore store, OperationJournal journal, ServiceHealth health, TimeProvider clock)
{
    private static readonly TimeSpan UnitTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] Companions = ["ReadWritePaths", "ExecPaths", "IPAddressAllow"];

    /// <summary>Progress lines for the user (what is being written, restarted, found).</summary>
    public event Action<string>? Progress;

    /// <summary>Where the drop-in was learned; written into it as a comment so an export of it says so.</summary>
    public HostFingerprint? Learned { get; set; }

    public async Task<ApplyOutcome> ApplyAsync(DropIn dropIn, HealthCheck check, bool bisect, CancellationToken ct = default)
    {
        var unit = dropIn.Unit;
        var wasActive = (await systemd.GetPropertiesAsync(unit, ct)).String("ActiveState") == "active";
        var operation = journal.Begin("apply", unit, wasActive);
        var before = store.Read(unit);
        var restarts = 0;
        var reports = new Dictionary<string, HealthReport>();

        async Task<HealthReport> TryAsync(DropIn candidate)
        {
            await WriteAsync(candidate, operation, ct);
            restarts++;
            var report = await health.RestartAndVerifyAsync(unit, check, ct);
            reports[Key(candidate.Directives)] = report;
            Progress?.Invoke($"  {candidate.Directives.Count} directive(s): {report}");
            return report;
        }

        Progress?.Invoke($"writing /{store.RelativePath(unit)} ({dropIn.Directives.Count} directives), restarting {unit} ...");
        var first = await TryAsync(dropIn);
        if (first.Healthy)
        {
            operation.Complete();
            return new ApplyOutcome(dropIn, [], first, restarts);
        }
        if (bisect && dropIn.Directives.Count > 0)
        {
            Progress?.Invoke($"{unit} failed with the drop-in ({first}); bisecting its directives with real restarts ...");
            var groups = Groups(dropIn.Directives);
            var result = await Bisect.FindCulpritsAsync(groups,
                async (set, token) => (await TryAsync(dropIn with { Directives = set.SelectMany(g => g).ToList() })).Healthy, ct);
            if (!result.BaseBroken && result.Kept.Count > 0)
            {
                var kept = dropIn with { Directives = result.Kept.SelectMany(g => g).ToList() };
                var last = await TryAsync(kept);
                if (last.Healthy)
                {
                    operation.Complete();
                    var dropped = result.Dropped.Select(c => new DroppedDirective(c.Directive, c.Partners.SelectMany(p => p).Select(d => d.Name).ToList(),
                        reports.GetValueOrDefault(Key(c.Directive)) ?? first)).ToList();
                    return new ApplyOutcome(kept, dropped, last, restarts);
                }
            }
        }
        Progress?.Invoke($"rolling back {unit} to its configuration before this run ...");
        await RollbackAsync(operation, unit, before, wasActive, ct);
        return new ApplyOutcome(null, [], first, restarts);
    }

    /// <summary>Takes our drop-in out (backed up first), reloads and restarts; false when there was none.</summary>
    public async Task<bool> RemoveAsync(string unit, CancellationToken ct = default)
    {
        var wasActive = (await systemd.GetPropertiesAsync(unit, ct)).String("ActiveState") == "active";
        var operation = journal.Begin("rollback", unit, wasActive);
        var removed = store.Remove(unit, operation);
        await systemd.DaemonReloadAsync(ct);
        if (removed && wasActive) await systemd.RestartAsync(unit, UnitTimeout, ct);
        operation.Complete();
        return removed;
    }

    private async Task RollbackAsync(JournalOperation operation, string unit, string? before, bool wasActive, CancellationToken ct)
    {
        new Recovery(journal, systemd).Restore(operation.Record);
        await systemd.DaemonReloadAsync(ct);
        try
        {
            if (wasActive) await systemd.RestartAsync(unit, UnitTimeout, ct);
            else await systemd.StopAsync(unit, UnitTimeout, ct);
        }
        finally
        {
            if (store.Read(unit) == before) operation.Complete();
        }
    }

    private async Task WriteAsync(DropIn candidate, JournalOperation operation, CancellationToken ct)
    {
        var text = candidate.Render(clock.GetUtcNow());
        store.Write(candidate.Unit, Learned?.Stamp(text) ?? text, operation);
        await systemd.DaemonReloadAsync(ct);
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
