using System.Text;

namespace HardenTui.Core.Findings;

/// <summary>
/// Counts keys and keeps the first few lines of each as evidence. Lookups by span avoid a string per event;
/// the sorted snapshot is cached until the next change, so snapshots of a quiet trace cost nothing.
/// </summary>
internal sealed class Tally
{
    internal const int SamplesKept = 3;

    internal sealed class Entry(string key)
    {
        public readonly string Key = key;
        public long Count;
        public readonly List<string> Samples = new(1);
    }

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private IReadOnlyList<FindingItem>? _snapshot;

    public Tally() => _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _entries.Count;

    public void Add(ReadOnlySpan<char> key, ReadOnlySpan<byte> line) => Bump(Intern(key), line);

    public Entry Intern(ReadOnlySpan<char> key)
    {
        if (_bySpan.TryGetValue(key, out var entry)) return entry;
        var text = key.ToString();
        _entries.Add(text, entry = new Entry(text));
        return entry;
    }

    public void Add(string key, ReadOnlySpan<byte> line)
    {
        if (!_entries.TryGetValue(key, out var entry)) _entries.Add(key, entry = new Entry(key));
        Bump(entry, line);
    }

    public void Bump(Entry entry, ReadOnlySpan<byte> line)
    {
        entry.Count++;
        Sample(entry, line);
    }

    /// <summary>A line counted elsewhere (a block scanned on another thread), kept as evidence while there is room.</summary>
    public void Sample(Entry entry, ReadOnlySpan<byte> line)
    {
        if (entry.Samples.Count < SamplesKept) entry.Samples.Add(Encoding.UTF8.GetString(line));
        _snapshot = null;
    }

    /// <summary>Events counted elsewhere (a block scanned on another thread).</summary>
    public void Add(Entry entry, long count)
    {
        entry.Count += count;
        _snapshot = null;
    }

    public IReadOnlyList<FindingItem> Snapshot() => _snapshot ??=
        _entries.Values.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new FindingItem(e.Key, e.Count, e.Samples.ToArray())).ToArray();
}
