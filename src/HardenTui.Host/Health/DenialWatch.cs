// `hardentui watch`: follows the journal and the kernel log of hardened units for denials (seed 003: "sometimes
// the service tries to read a random path after a week of runtime") and names the directive behind each. The
// relax it offers is a new revision of our drop-in, applied and restart-verified through ApplyWorkflow, so a
// relax that does not help is rolled back to the revision before it.
using HardenTui.Core.Health;
using HardenTui.Core.Overrides;
using HardenTui.Core.Tracing;
using HardenTui.Host.Apply;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;
using HardenTui.Host.Tracing;

namespace HardenTui.Host.Health;

public sealed class DenialWatch(ISystemd systemd, IProcessRunner runner, DropInStore store, TimeProvider clock)
{
    private readonly HashSet<string> _said = [];
    private string _cursor = "";
    private KernelSeccompLog? _kernel;
    private Dictionary<string, string> _unitOfProgram = [];

    /// <summary>The units HardenTui has hardened here (those with our drop-in).</summary>
    public async Task<IReadOnlyList<string>> HardenedUnitsAsync(CancellationToken ct)
    {
        var r = await runner.RunAsync(new ProcessSpec("sh", ["-c", "for f in /etc/systemd/system/*.d/90-hardentui.conf; do [ -f \"$f\" ] && basename \"${f%/*}\" .d; done; true"]), ct);
        return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    /// <summary>Starts following from now: journal entries and SECCOMP records after this moment only.</summary>
    public async Task StartAsync(IReadOnlyList<string> units, CancellationToken ct)
    {
        var since = clock.GetUtcNow().ToUnixTimeSeconds();
        _cursor = "";
        var programs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in units)
            foreach (var program in UnitSettings.Programs(await systemd.GetPropertiesAsync(unit, ct)))
                programs.TryAdd(program, unit);
        _unitOfProgram = programs;
        _kernel = new KernelSeccompLog(runner, r => !r.Logged && programs.ContainsKey(r.Exe), // a logged call (SystemCallLog=) was allowed
            await KernelSeccompLog.LastSerialAsync(runner, ct), since);
        var head = await runner.RunAsync(ProcessSpec.Of("journalctl", "-n", "1", "-o", "json", "--no-pager", "-q"), ct);
        _cursor = head.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JournalScan.Entry).LastOrDefault()?.Cursor ?? "";
    }

    /// <summary>New denials since the last poll, each (unit, directive, thing refused) said once.</summary>
    public async Task<IReadOnlyList<Denial>> PollAsync(IReadOnlyList<string> units, CancellationToken ct)
    {
        var found = new List<Denial>();
        var args = new List<string> { "-o", "json", "--no-pager", "-q" };
        foreach (var u in units) args.AddRange(["-u", u]);
        if (_cursor.Length > 0) args.AddRange(["--after-cursor", _cursor]);
        var journal = await runner.RunAsync(new ProcessSpec("journalctl", args), ct);
        foreach (var entry in journal.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JournalScan.Entry).OfType<JournalEntry>())
        {
            _cursor = entry.Cursor.Length > 0 ? entry.Cursor : _cursor;
            var unit = units.Contains(entry.Unit) ? entry.Unit : units.Count == 1 ? units[0] : null;
            if (unit is null) continue;
            if (Denials.FromJournal(unit, entry.Message, InForce(unit)) is { } d) found.Add(d);
        }
        if (_kernel is not null)
        {
            var lines = new List<string>();
            await _kernel.PollAsync(lines.Add, ct);
            foreach (var record in lines.Select(SeccompRecord.TryParse).OfType<SeccompRecord>())
                if (_unitOfProgram.TryGetValue(record.Exe, out var unit)) found.Add(Denials.FromSeccomp(unit, record));
        }
        return found.Where(d => _said.Add(d.Key)).ToList();
    }

    /// <summary>The denials the unit's journal shows since our drop-in was last written (the picker's count, the overview's panel).</summary>
    public async Task<IReadOnlyList<Denial>> SinceHardenedAsync(string unit, CancellationToken ct)
    {
        var stat = await runner.RunAsync(ProcessSpec.Of("stat", "-c", "%Y", "/" + store.RelativePath(unit)), ct);
        if (!stat.Ok || !long.TryParse(stat.Stdout.Trim(), out var since)) return [];
        var journal = await runner.RunAsync(ProcessSpec.Of("journalctl", "-u", unit, "--since", $"@{since}", "-o", "json", "--no-pager", "-q"), ct);
        var inForce = InForce(unit);
        return journal.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JournalScan.Entry).OfType<JournalEntry>()
            .Select(e => Denials.FromJournal(unit, e.Message, inForce)).OfType<Denial>()
            .DistinctBy(d => d.Key).ToList();
    }

    /// <summary>Our drop-in for the unit as it is now (empty when there is none).</summary>
    public DropIn InForce(string unit) => store.Read(unit) is { } text ? DropIn.Parse(unit, text) : new DropIn(unit, []);

    /// <summary>Writes the relax as a new revision of the drop-in and restart-verifies it; rolled back when the unit does not come back healthy.</summary>
    public static async Task<ApplyOutcome> RelaxAsync(ApplyWorkflow workflow, DropIn inForce, DropInDirective relax, HealthCheck check, CancellationToken ct) =>
        await workflow.ApplyAsync(Denials.Relaxed(inForce, relax), check, bisect: false, ct);
}
