namespace HardenTui.Core.Findings;

/// <summary>
/// What a traced service did, immutable: one list of <see cref="FindingItem"/> per <see cref="FindingKind"/>
/// (sorted by key), the syscall groups the observed syscalls fall in, and the trace's size.
/// </summary>
public sealed class Findings
{
    private readonly IReadOnlyList<FindingItem>[] _items;

    internal Findings(FindingsStats stats, IReadOnlyList<FindingItem>[] items, IReadOnlyList<SyscallGroupUse> groups)
    {
        Stats = stats;
        _items = items;
        SyscallGroups = groups;
    }

    public static Findings Empty { get; } = new(new FindingsStats(0, 0, 0, 0),
        Enumerable.Repeat<IReadOnlyList<FindingItem>>([], Enum.GetValues<FindingKind>().Length).ToArray(), []);

    public FindingsStats Stats { get; }
    public IReadOnlyList<SyscallGroupUse> SyscallGroups { get; }

    public IReadOnlyList<FindingItem> this[FindingKind kind] => _items[(int)kind];

    public IReadOnlyList<FindingItem> Syscalls => this[FindingKind.Syscall];
    public IReadOnlyList<FindingItem> ExecutedFiles => this[FindingKind.ExecutedFile];
    public IReadOnlyList<FindingItem> ExecMappedFiles => this[FindingKind.ExecMappedFile];
    public IReadOnlyList<FindingItem> Capabilities => this[FindingKind.Capability];

    public bool Has(FindingKind kind, string key) => Find(kind, key) is not null;

    public FindingItem? Find(FindingKind kind, string key) => this[kind].FirstOrDefault(i => i.Key == key);

    /// <summary>Calls started per syscall name (the histogram `uniq -c` would print).</summary>
    public IReadOnlyDictionary<string, long> SyscallHistogram() => Syscalls.ToDictionary(i => i.Key, i => i.Count, StringComparer.Ordinal);
}
