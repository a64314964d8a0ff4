// Parallel reading of a big strace log, in two steps that give exactly what the line-by-line builder gives:
//  1. any thread scans one block (any byte range of the log, cut anywhere, even inside a line): it finds the lines
//     with the vectorised IndexOf, parses each over spans, counts the syscall histogram and keeps the first few
//     lines of each syscall, and notes where the lines are that need the in-order part (FindingsBuilder.NeedsFold:
//     fd tables, working directories, unfinished/resumed calls, exits, findings);
//  2. FindingsBuilder.Accept(block), called for the blocks in log order on one thread, joins the line cut at the
//     block's start to the end of the previous block, adds the counts, and folds the noted lines in order.
// Scanning allocates nothing per line: a block's buffers are reused from scan to scan.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HardenTui.Core.Tracing;

/// <summary>
/// One block of an strace log and what <see cref="StraceBlockScanner"/> found in it. The reader fills
/// <see cref="Buffer"/> (any bytes of the log, in order: block N+1 starts where block N ends) and sets
/// <see cref="Length"/>; the block stays untouched until <c>FindingsBuilder.Accept(block)</c> has folded it.
/// </summary>
public sealed class StraceBlock(int capacity)
{
    public byte[] Buffer { get; } = new byte[capacity];
    public int Length { get; set; }

    /// <summary>One line that needs the in-order fold, as offsets into <see cref="Buffer"/> (spans rebuilt when folded).</summary>
    internal struct Noted
    {
        public int Start, Length, Pid, Syscall;
        public StraceLineKind Kind;
        public int NameAt, NameLength, ArgsAt, ArgsLength, ResultAt, ResultLength;
    }

    /// <summary>Bytes [0, HeadEnd) end the line the previous block left open; -1 when the block holds no newline at all.</summary>
    internal int HeadEnd;
    /// <summary>Bytes [TailStart, Length) start a line the next block (or the end of the log) closes.</summary>
    internal int TailStart;
    internal long Lines, Calls, Garbage;
    internal Noted[] Notes = new Noted[1024];
    internal int NoteCount;
    /// <summary>Syscall names by the scanner's ids (as they were when this block was scanned), and how many.</summary>
    internal string[] Names = [];
    internal int NameCount;
    internal long[] Counts = new long[64];
    /// <summary>Up to SamplesKept first lines per syscall id: start and length, SamplesKept slots per id.</summary>
    internal int[] SampleStart = new int[64 * Samples], SampleLength = new int[64 * Samples];
    internal byte[] SampleCount = new byte[64];
    internal const int Samples = Findings.Tally.SamplesKept;

    internal ReadOnlySpan<byte> Bytes => Buffer.AsSpan(0, Length);
}

/// <summary>Scans blocks on one thread (one scanner per thread: it owns that thread's table of syscall names).</summary>
public sealed class StraceBlockScanner(int maxLineBytes = Utf8LineReader.DefaultMaxLineBytes)
{
    private readonly SyscallNames _names = new();

    public void Scan(StraceBlock block)
    {
        var bytes = block.Bytes;
        block.Lines = block.Calls = block.Garbage = 0;
        block.NoteCount = 0;
        Array.Clear(block.Counts, 0, Math.Min(block.Counts.Length, block.NameCount));
        Array.Clear(block.SampleCount, 0, Math.Min(block.SampleCount.Length, block.NameCount));
        var first = bytes.IndexOf((byte)'\n');
        if (first < 0)
        {
            block.HeadEnd = -1;
            block.TailStart = block.Length;
            Publish(block);
            return;
        }
        block.HeadEnd = first;
        var at = first + 1;
        var rest = bytes[at..];
        while (true)
        {
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0) break;
            Line(block, rest[..Math.Min(newline, maxLineBytes)], at);
            at += newline + 1;
            rest = rest[(newline + 1)..];
        }
        block.TailStart = at;
        Publish(block);
    }

    private void Publish(StraceBlock block)
    {
        block.Names = _names.Strings;
        block.NameCount = _names.Count;
    }

    private void Line(StraceBlock block, ReadOnlySpan<byte> text, int start)
    {
        block.Lines++;
        var line = StraceLineParser.Parse(text);
        var id = -1;
        var hasRules = false;
        if (line.StartsCall)
        {
            id = _names.IdOf(line.Name);
            hasRules = _names.HasRules(id);
            block.Calls++;
            if (id >= block.Counts.Length) Grow(block, id);
            block.Counts[id]++;
            var samples = block.SampleCount[id];
            if (samples < StraceBlock.Samples)
            {
                block.SampleStart[id * StraceBlock.Samples + samples] = start;
                block.SampleLength[id * StraceBlock.Samples + samples] = text.Length;
                block.SampleCount[id] = (byte)(samples + 1);
            }
        }
        else if (line.Kind == StraceLineKind.Garbage)
        {
            block.Garbage++;
        }
        if (!Findings.FindingsBuilder.NeedsFold(line.Kind, hasRules, line.Name, line.Result)) return;
        if (block.NoteCount == block.Notes.Length) Array.Resize(ref block.Notes, 2 * block.Notes.Length);
        ref var note = ref block.Notes[block.NoteCount++];
        note.Start = start;
        note.Length = text.Length;
        note.Pid = line.Pid;
        note.Syscall = id;
        note.Kind = line.Kind;
        (note.NameAt, note.NameLength) = (At(text, line.Name), line.Name.Length);
        (note.ArgsAt, note.ArgsLength) = (At(text, line.Args), line.Args.Length);
        (note.ResultAt, note.ResultLength) = (At(text, line.Result), line.Result.Length);
    }

    /// <summary>Where a part of the line starts within it (0 for an empty part, which may point anywhere).</summary>
    internal static int At(ReadOnlySpan<byte> whole, ReadOnlySpan<byte> part) =>
        part.IsEmpty ? 0 : (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(whole), ref MemoryMarshal.GetReference(part));

    private static void Grow(StraceBlock block, int id)
    {
        var size = Math.Max(2 * block.Counts.Length, id + 1);
        Array.Resize(ref block.Counts, size);
        Array.Resize(ref block.SampleCount, size);
        Array.Resize(ref block.SampleStart, size * StraceBlock.Samples);
        Array.Resize(ref block.SampleLength, size * StraceBlock.Samples);
    }

    /// <summary>
    /// Syscall names seen by one scanner, by byte span, without a string per lookup: a name's first 16 bytes are
    /// compared as two integers (longer names also byte by byte). Ids only grow; the name array is replaced (never
    /// changed below Count) when it fills, so a block keeps a consistent view of it.
    /// </summary>
    private sealed class SyscallNames
    {
        private int[] _slots = new int[256];
        private ulong[] _keys = new ulong[2 * 64];
        private byte[][] _bytes = new byte[64][];
        private bool[] _hasRules = new bool[64];
        public string[] Strings = new string[64];
        public int Count;

        public bool HasRules(int id) => _hasRules[id];

        public int IdOf(ReadOnlySpan<byte> name)
        {
            var (k0, k1) = Key(name);
            var mask = _slots.Length - 1;
            for (var slot = Hash(k0, k1, name.Length) & mask; ; slot = (slot + 1) & mask)
            {
                var entry = _slots[slot] - 1;
                if (entry < 0) return Add(name, slot);
                if (_keys[2 * entry] == k0 && _keys[2 * entry + 1] == k1 && _bytes[entry].Length == name.Length
                    && (name.Length <= 16 || name.SequenceEqual(_bytes[entry])))
                    return entry;
            }
        }

        /// <summary>Bytes 0–7 and 8–15 of the name, little-endian, zero beyond its end.</summary>
        private static (ulong, ulong) Key(ReadOnlySpan<byte> name)
        {
            if (name.Length >= 16) return (MemoryMarshal.Read<ulong>(name), MemoryMarshal.Read<ulong>(name[8..]));
            if (name.Length >= 8)
                return (MemoryMarshal.Read<ulong>(name), name.Length == 8 ? 0 : MemoryMarshal.Read<ulong>(name[^8..]) >> (8 * (16 - name.Length)));
            ulong k = 0;
            for (var i = name.Length - 1; i >= 0; i--) k = (k << 8) | name[i];
            return (k, 0);
        }

        private static int Hash(ulong k0, ulong k1, int length) =>
            (int)(((k0 * 0x9E3779B97F4A7C15UL) ^ (k1 * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)length) >> 33);

        private int Add(ReadOnlySpan<byte> name, int slot)
        {
            if (Count == Strings.Length)
            {
                var names = new string[2 * Count];
                Strings.AsSpan().CopyTo(names);
                Strings = names;
                Array.Resize(ref _bytes, 2 * Count);
                Array.Resize(ref _hasRules, 2 * Count);
                Array.Resize(ref _keys, 4 * Count);
            }
            var id = Count;
            _bytes[id] = name.ToArray();
            (_keys[2 * id], _keys[2 * id + 1]) = Key(name);
            Strings[id] = System.Text.Encoding.ASCII.GetString(name);
            _hasRules[id] = Findings.FindingsBuilder.RulesApply(Strings[id]);
            _slots[slot] = id + 1;
            Count++;
            if (2 * Count > _slots.Length) Rehash();
            return id;
        }

        private void Rehash()
        {
            _slots = new int[2 * _slots.Length];
            var mask = _slots.Length - 1;
            for (var id = 0; id < Count; id++)
            {
                var slot = Hash(_keys[2 * id], _keys[2 * id + 1], _bytes[id].Length) & mask;
                while (_slots[slot] != 0) slot = (slot + 1) & mask;
                _slots[slot] = id + 1;
            }
        }
    }
}
