// The streaming heart of tracing: strace lines go in one at a time, a Findings snapshot comes out whenever
// asked. Per line it only counts the syscall (a span lookup, no allocation); the argument-reading rules run just
// for the syscalls the effect table or CallRules know about, so a busy service's epoll_wait/recvfrom storm costs
// one dictionary hit per line. Unfinished calls are held per pid until resumed, then read as one call.
using System.Text;
using HardenTui.Core.Tracing;

namespace HardenTui.Core.Findings;

public sealed class FindingsBuilder
{
    internal sealed class Syscall(string name, Tally.Entry tally)
    {
        public readonly string Name = name;
        public readonly Tally.Entry Tally = tally;
        public readonly SyscallEffect Effect = SyscallEffects.Of(name);
        public readonly bool HasRules = RulesApply(name);
    }

    private readonly Tally[] _tallies = Enum.GetValues<FindingKind>().Select(_ => new Tally()).ToArray();
    private readonly Dictionary<string, Syscall> _syscalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Syscall>.AlternateLookup<ReadOnlySpan<char>> _syscallsBySpan;
    private readonly Dictionary<int, ProcessState> _processes = [];
    /// <summary>A call left unfinished by one pid; its buffer is reused for that pid's next one.</summary>
    private sealed class Pending
    {
        public Syscall? Call;
        public byte[] Line = new byte[256];
        public int Length, ArgsStart, ArgsLength;
    }

    private readonly Dictionary<int, Pending> _unfinished = [];
    private readonly Func<string, IEnumerable<string>>? _groupsOf;
    private readonly Func<string, string?>? _interpreterOf;
    private byte[] _joined = new byte[1024];
    private byte[] _carry = new byte[256];
    private int _carryLength;
    private readonly int _maxLineBytes = Utf8LineReader.DefaultMaxLineBytes;
    private Syscall?[] _blockSyscalls = new Syscall?[64];
    private long _lines, _calls, _garbage;
    private int _processesSeen;
    /// <summary>The state <see cref="Process"/> gave last, until a fork or an exit changes the table.</summary>
    private int _lastPid;
    private ProcessState? _last;

    /// <param name="groupsOf">The systemd @groups a syscall belongs to (from the host's syscall-filter table).</param>
    /// <param name="interpreterOf">The ELF loader or #! interpreter of an executed file, read by the host.</param>
    public FindingsBuilder(Func<string, IEnumerable<string>>? groupsOf = null, Func<string, string?>? interpreterOf = null)
    {
        _syscallsBySpan = _syscalls.GetAlternateLookup<ReadOnlySpan<char>>();
        _groupsOf = groupsOf;
        _interpreterOf = interpreterOf;
    }

    internal Tally this[FindingKind kind] => _tallies[(int)kind];
    internal AbsolutePaths AbsolutePaths { get; } = new();
    internal Func<string, string?>? InterpreterOf => _interpreterOf;

    public void Accept(ReadOnlySpan<byte> line) => Accept(StraceLineParser.Parse(line));

    public void Accept(in StraceLine line)
    {
        _lines++;
        Syscall? call = null;
        if (line.StartsCall) call = Count(line.Name, line.Text);
        else if (line.Kind == StraceLineKind.Garbage) _garbage++;
        if (NeedsFold(line.Kind, call?.HasRules ?? false, line.Name, line.Result)) Fold(line, call);
    }

    /// <summary>
    /// Whether a line does more than count: it reads or changes state (fd tables, working directories, unfinished
    /// calls, exits) or adds a finding. The rest (most of a busy log) only bumps the histogram, which is what
    /// <see cref="StraceBlock"/> scans in parallel; the lines this names are folded in order, here or by
    /// <see cref="Accept(StraceBlock)"/>. One rule for both ways, so both give the same findings.
    /// </summary>
    internal static bool NeedsFold(StraceLineKind kind, bool hasRules, ReadOnlySpan<byte> name, ReadOnlySpan<byte> result) => kind switch
    {
        StraceLineKind.Call => hasRules || (result.Length > 0 && result[0] == (byte)'-'),
        StraceLineKind.Unfinished => hasRules,
        StraceLineKind.Resumed or StraceLineKind.Exited or StraceLineKind.Killed => true,
        StraceLineKind.Signal => name.SequenceEqual("SIGSYS"u8),
        _ => false,
    };

    internal static bool RulesApply(string syscall) => SyscallEffects.Of(syscall) != SyscallEffect.None || CallRules.Handles(syscall);

    /// <summary>The in-order part of a line that <see cref="NeedsFold"/> named; <paramref name="call"/> is its counted syscall.</summary>
    private void Fold(in StraceLine line, Syscall? call)
    {
        switch (line.Kind)
        {
            case StraceLineKind.Call:
                Apply(call!, line.Pid, line.Args, line.Result, line.Text);
                break;
            case StraceLineKind.Unfinished:
                Hold(line.Pid, call!, line.Text, (int)Offset(line.Text, line.Args), line.Args.Length);
                break;
            case StraceLineKind.Resumed:
                Resume(line);
                break;
            case StraceLineKind.Signal:
                this[FindingKind.Denied].Add("SIGSYS", line.Text);
                break;
            case StraceLineKind.Exited or StraceLineKind.Killed:
                _processes.Remove(line.Pid);
                _last = null;
                _unfinished.Remove(line.Pid);
                break;
        }
    }

    /// <summary>
    /// The next block of the log, scanned on any thread by a <see cref="StraceBlockScanner"/>; blocks must come in
    /// log order, and <see cref="EndBlocks"/> after the last. Gives exactly what <see cref="Accept(ReadOnlySpan{byte})"/>
    /// line by line gives: the line cut at the block's start is joined and read whole, the counts and first
    /// samples add up in order, and the noted lines are folded in order.
    /// </summary>
    public void Accept(StraceBlock block)
    {
        var bytes = block.Bytes;
        if (block.HeadEnd < 0)
        {
            Carry(bytes);
            return;
        }
        Carry(bytes[..block.HeadEnd]);
        Accept(_carry.AsSpan(0, _carryLength));
        _carryLength = 0;

        _lines += block.Lines;
        _calls += block.Calls;
        _garbage += block.Garbage;
        if (_blockSyscalls.Length < block.NameCount) _blockSyscalls = new Syscall?[Math.Max(block.NameCount, 2 * _blockSyscalls.Length)];
        var syscalls = _blockSyscalls.AsSpan(0, block.NameCount);
        syscalls.Clear();
        var tally = this[FindingKind.Syscall];
        for (var id = 0; id < block.NameCount && id < block.Counts.Length; id++)
        {
            if (block.Counts[id] == 0) continue;
            var call = syscalls[id] = Known(block.Names[id]);
            for (var k = 0; k < block.SampleCount[id]; k++)
                tally.Sample(call.Tally, bytes.Slice(block.SampleStart[id * StraceBlock.Samples + k], block.SampleLength[id * StraceBlock.Samples + k]));
            tally.Add(call.Tally, block.Counts[id]);
        }
        foreach (ref readonly var note in block.Notes.AsSpan(0, block.NoteCount))
        {
            var text = bytes.Slice(note.Start, note.Length);
            Fold(new StraceLine(note.Kind, note.Pid, text.Slice(note.NameAt, note.NameLength), text.Slice(note.ArgsAt, note.ArgsLength),
                text.Slice(note.ResultAt, note.ResultLength), text), note.Syscall >= 0 ? syscalls[note.Syscall] : null);
        }
        Carry(bytes[block.TailStart..]);
    }

    /// <summary>After the last block: the log's last line, when it has no newline.</summary>
    public void EndBlocks()
    {
        if (_carryLength > 0) Accept(_carry.AsSpan(0, _carryLength));
        _carryLength = 0;
    }

    /// <summary>Keeps the part of a line cut by a block's end, at most the line reader's limit (the rest is dropped, as it does).</summary>
    private void Carry(ReadOnlySpan<byte> part)
    {
        part = part[..Math.Min(part.Length, _maxLineBytes - _carryLength)];
        if (_carry.Length < _carryLength + part.Length) Array.Resize(ref _carry, Math.Max(_carryLength + part.Length, 2 * _carry.Length));
        part.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength += part.Length;
    }

    private Syscall Known(string name) => _syscalls.TryGetValue(name, out var call) ? call : Known(System.Text.Encoding.ASCII.GetBytes(name));

    /// <summary>Counts one call reported by another tracer (a SECCOMP log record, an audit execve).</summary>
    public void AcceptCall(string syscall, ReadOnlySpan<byte> evidence)
    {
        _lines++;
        Count(Encoding.ASCII.GetBytes(syscall), evidence);
    }

    /// <summary>An executed file reported by another tracer (audit execve).</summary>
    public void AcceptExecutedFile(string path, ReadOnlySpan<byte> evidence) => CallRules.RecordExecuted(this, path, evidence);

    private Syscall Count(ReadOnlySpan<byte> name, ReadOnlySpan<byte> text)
    {
        var call = Known(name);
        _calls++;
        this[FindingKind.Syscall].Bump(call.Tally, text);
        return call;
    }

    [System.Runtime.CompilerServices.SkipLocalsInit] // the buffer is written before it is read; zeroing it cost more than the parse
    private Syscall Known(ReadOnlySpan<byte> name)
    {
        Span<char> chars = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++) chars[i] = (char)name[i];
        if (_syscallsBySpan.TryGetValue(chars, out var call)) return call;
        var entry = this[FindingKind.Syscall].Intern(chars);
        call = new Syscall(entry.Key, entry);
        _syscalls.Add(call.Name, call);
        return call;
    }

    private void Hold(int pid, Syscall call, ReadOnlySpan<byte> text, int argsStart, int argsLength)
    {
        if (!_unfinished.TryGetValue(pid, out var pending)) _unfinished[pid] = pending = new Pending();
        if (pending.Line.Length < text.Length) pending.Line = new byte[Math.Max(text.Length, 2 * pending.Line.Length)];
        text.CopyTo(pending.Line);
        (pending.Call, pending.Length, pending.ArgsStart, pending.ArgsLength) = (call, text.Length, argsStart, argsLength);
    }

    private void Resume(in StraceLine line)
    {
        if (!_unfinished.TryGetValue(line.Pid, out var pending) || pending.Call is not { } call) return;
        pending.Call = null;
        // Joined halves go into one reused buffer: args first, then "unfinished line\nresumed line" as evidence.
        var held = pending.Line.AsSpan(0, pending.Length);
        var head = held.Slice(pending.ArgsStart, pending.ArgsLength);
        var argsLength = head.Length + line.Args.Length;
        var needed = argsLength + held.Length + 1 + line.Text.Length;
        if (_joined.Length < needed) _joined = new byte[Math.Max(needed, 2 * _joined.Length)];
        var joined = _joined.AsSpan();
        head.CopyTo(joined);
        line.Args.CopyTo(joined[head.Length..]);
        var evidence = joined[argsLength..needed];
        held.CopyTo(evidence);
        evidence[held.Length] = (byte)'\n';
        line.Text.CopyTo(evidence[(held.Length + 1)..]);
        Apply(call, line.Pid, joined[..argsLength], line.Result, evidence);
    }

    private static long Offset(ReadOnlySpan<byte> whole, ReadOnlySpan<byte> part) =>
        part.IsEmpty ? whole.Length : System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(whole), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(part));

    internal ProcessState Process(int pid)
    {
        if (pid == _lastPid && _last is { } last) return last; // a busy log is long runs of one pid's calls
        if (!_processes.TryGetValue(pid, out var state))
        {
            _processesSeen++;
            _processes[pid] = state = new ProcessState();
        }
        (_lastPid, _last) = (pid, state);
        return state;
    }

    internal void Adopt(int child, ProcessState state)
    {
        if (!_processes.ContainsKey(child)) _processesSeen++;
        _processes[child] = state;
        _last = null;
    }

    private void Apply(Syscall call, int pid, ReadOnlySpan<byte> args, ReadOnlySpan<byte> resultText, ReadOnlySpan<byte> evidence)
    {
        var result = StraceResult.Parse(resultText);
        if (result.Errno.SequenceEqual("EPERM"u8) || result.Errno.SequenceEqual("EACCES"u8))
            this[FindingKind.Denied].Add($"{call.Name} {Encoding.ASCII.GetString(result.Errno)}", evidence);
        if (!call.HasRules) return;
        if (call.Effect.Capability is { } cap) this[FindingKind.Capability].Add(cap, evidence);
        if (call.Effect.Kind is { } kind) this[kind].Add(call.Name, evidence);
        var state = Process(pid);
        if (call.Effect.Paths.Length > 0 && !result.Errno.SequenceEqual("ENOENT"u8))
            CallRules.RecordPaths(this, call, state, args, result, evidence);
        CallRules.Apply(this, call.Name, pid, state, args, result, evidence);
    }

    /// <summary>An immutable picture of everything so far; cheap when little changed since the last one.</summary>
    public Findings Snapshot()
    {
        var items = _tallies.Select(t => t.Snapshot()).ToArray();
        IReadOnlyList<SyscallGroupUse> groups = _groupsOf is null ? [] : items[(int)FindingKind.Syscall]
            .SelectMany(s => _groupsOf(s.Key).Select(g => (Group: g, Syscall: s.Key)))
            .GroupBy(x => x.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SyscallGroupUse(g.Key, g.Select(x => x.Syscall).Distinct().Order(StringComparer.Ordinal).ToArray())).ToArray();
        return new Findings(new FindingsStats(_lines, _calls, _garbage, _processesSeen), items, groups);
    }
}
