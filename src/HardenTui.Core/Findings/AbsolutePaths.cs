using System.Runtime.CompilerServices;
using System.Text;

namespace HardenTui.Core.Findings;

/// <summary>
/// Absolute path arguments already resolved, found by their text as strace printed it (quotes and escapes
/// included): a busy service names the same few files millions of times, and an absolute path resolves the same
/// whatever the process's working directory or fd table. Each keeps its tally entries (read / written / created)
/// so a repeat costs one lookup. Bounded: past <see cref="MaxEntries"/> paths (a find over a tree) the rest are
/// resolved each time, as before.
/// </summary>
internal sealed class AbsolutePaths
{
    public const int MaxEntries = 4096;
    private const int MaxQuotedLength = 512;

    internal sealed class Known(string path)
    {
        public readonly string Path = path;
        /// <summary>The entry in the PathRead, PathWritten and PathCreated tallies, once used.</summary>
        public readonly Tally.Entry?[] Entries = new Tally.Entry?[3];
    }

    private readonly Dictionary<string, Known> _byQuoted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Known>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public AbsolutePaths() => _lookup = _byQuoted.GetAlternateLookup<ReadOnlySpan<char>>();

    [SkipLocalsInit] // the buffer is written before it is read
    public Known? Find(ReadOnlySpan<byte> quoted)
    {
        if (quoted.Length > MaxQuotedLength || _byQuoted.Count == 0) return null;
        Span<char> key = stackalloc char[quoted.Length];
        Encoding.Latin1.GetChars(quoted, key); // one char per byte: the same bytes, the same key
        return _lookup.TryGetValue(key, out var known) ? known : null;
    }

    public Known? Add(ReadOnlySpan<byte> quoted, ReadOnlySpan<char> resolved)
    {
        if (quoted.Length > MaxQuotedLength || _byQuoted.Count >= MaxEntries) return null;
        var known = new Known(resolved.ToString());
        _byQuoted[Encoding.Latin1.GetString(quoted)] = known;
        return known;
    }
}
