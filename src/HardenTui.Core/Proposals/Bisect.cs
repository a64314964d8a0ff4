// Delta debugging (Zeller & Hildebrandt, "Simplifying and Isolating Failure-Inducing Input", 2002) over the
// directives of a drop-in. "Works" is asked of a subset: apply only those directives, restart, verify — so each
// question is a real restart and costs seconds; answers are cached per subset. The base (no directives) is
// assumed to work, as the service ran before we touched it; that is checked once, up front.
namespace HardenTui.Core.Proposals;

public static class Bisect
{
    /// <summary>
    /// Finds directives to drop so the rest works: repeatedly isolates a 1-minimal failing subset (ddmin) and
    /// drops one member of it, then re-adds any dropped directive the remainder tolerates, so no single dropped
    /// directive could have been kept.
    /// </summary>
    public static async Task<BisectResult<T>> FindCulpritsAsync<T>(
        IReadOnlyList<T> directives, Func<IReadOnlyList<T>, CancellationToken, Task<bool>> works, CancellationToken ct = default)
        where T : notnull
    {
        var oracle = new Oracle<T>(directives, works);
        var kept = directives.ToList();
        if (await oracle.WorksAsync(kept, ct)) return new BisectResult<T>(kept, [], oracle.Steps, BaseBroken: false);
        if (!await oracle.WorksAsync([], ct)) return new BisectResult<T>([], [], oracle.Steps, BaseBroken: true);

        var dropped = new List<Culprit<T>>();
        do
        {
            var failing = await MinimalFailingAsync(oracle, kept, ct);
            var culprit = failing[^1];
            kept.Remove(culprit);
            dropped.Add(new Culprit<T>(culprit, failing.Take(failing.Count - 1).ToList()));
        }
        while (!await oracle.WorksAsync(kept, ct));

        foreach (var c in dropped.ToList())
        {
            var trial = oracle.InOrder(kept.Append(c.Directive));
            if (dropped.Count > 1 && await oracle.WorksAsync(trial, ct))
            {
                kept = trial;
                dropped.Remove(c);
            }
        }
        return new BisectResult<T>(kept, dropped, oracle.Steps, BaseBroken: false);
    }

    /// <summary>ddmin: shrinks a failing set until removing any single chunk makes it pass.</summary>
    private static async Task<List<T>> MinimalFailingAsync<T>(Oracle<T> oracle, List<T> failing, CancellationToken ct) where T : notnull
    {
        var n = 2;
        while (failing.Count >= 2)
        {
            var chunks = Split(failing, n);
            var next = default(List<T>);
            foreach (var chunk in chunks)
                if (!await oracle.WorksAsync(chunk, ct)) { next = chunk; n = 2; break; }
            if (next is null && n > 2)
                foreach (var chunk in chunks)
                {
                    var complement = failing.Except(chunk).ToList();
                    if (!await oracle.WorksAsync(complement, ct)) { next = complement; n = Math.Max(n - 1, 2); break; }
                }
            if (next is not null) { failing = next; continue; }
            if (n >= failing.Count) break;
            n = Math.Min(failing.Count, 2 * n);
        }
        return failing;
    }

    private static List<List<T>> Split<T>(List<T> items, int n)
    {
        var chunks = new List<List<T>>();
        var start = 0;
        for (var i = 0; i < n; i++)
        {
            var end = (int)((long)items.Count * (i + 1) / n);
            if (end > start) chunks.Add(items.GetRange(start, end - start));
            start = end;
        }
        return chunks;
    }

    private sealed class Oracle<T>(IReadOnlyList<T> all, Func<IReadOnlyList<T>, CancellationToken, Task<bool>> works) where T : notnull
    {
        private readonly Dictionary<string, bool> _answers = [];
        private readonly Dictionary<T, int> _index = all.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i);

        public int Steps { get; private set; }

        public List<T> InOrder(IEnumerable<T> subset) => subset.OrderBy(d => _index[d]).ToList();

        public async Task<bool> WorksAsync(IEnumerable<T> subset, CancellationToken ct)
        {
            var ordered = InOrder(subset);
            var key = string.Join(',', ordered.Select(d => _index[d]));
            if (_answers.TryGetValue(key, out var known)) return known;
            ct.ThrowIfCancellationRequested();
            Steps++;
            return _answers[key] = await works(ordered, ct);
        }
    }
}
