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
        public readonly bool HasRules = SyscallEffects.Of(name) != SyscallEffect.None || CallRules.Handles(name);
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
    private long _lines, _calls, _garbage;
    private int _processesSeen;

    /// <param name="groupsOf">The systemd @groups a syscall belongs to (from the host's syscall-filter table).</param>
    /// <param name="interpreterOf">The ELF loader or #! interpreter of an executed file, read by the host.</param>
    public FindingsBuilder(Func<string, IEnumerable<string>>? groupsOf = null, Func<string, string?>? interpreterOf = null)
    {
        _syscallsBySpan = _syscalls.GetAlternateLookup<ReadOnlySpan<char>>();
        _groupsOf = groupsOf;
        _interpreterOf = interpreterOf;
    }

    internal Tally this[FindingKind kind] => _tallies[(int)kind];
    internal Func<string, string?>? InterpreterOf => _interpreterOf;

    public void Accept(ReadOnlySpan<byte> line) => Accept(StraceLineParser.Parse(line));

    public void Accept(in StraceLine line)
    {
        _lines++;
        switch (line.Kind)
        {
            case StraceLineKind.Call:
                var call = Count(line.Name, line.Text);
                if (call.HasRules || (line.Result.Length > 0 && line.Result[0] == (byte)'-'))
                    Apply(call, line.Pid, line.Args, line.Result, line.Text);
                break;
            case StraceLineKind.Unfinished:
                var started = Count(line.Name, line.Text);
                if (started.HasRules)
                {
                    Hold(line.Pid, started, line.Text, (int)Offset(line.Text, line.Args), line.Args.Length);
                }
                break;
            case StraceLineKind.Resumed:
                Resume(line);
                break;
            case StraceLineKind.Signal when line.Name.SequenceEqual("SIGSYS"u8):
                this[FindingKind.Denied].Add("SIGSYS", line.Text);
                break;
            case StraceLineKind.Exited or StraceLineKind.Killed:
                _processes.Remove(line.Pid);
                _unfinished.Remove(line.Pid);
                break;
            case StraceLineKind.Garbage:
                _garbage++;
                break;
        }
    }

    /// <summary>Counts one call reported by another tracer (a SECCOMP log record, an audit execve).</summary>
    public void AcceptCall(string syscall, ReadOnlySpan<byte> evidence)
    {
        _lines++;
        Count(Encoding.ASCII.GetBytes(syscall), evidence);
    }

    /// <summary>An executed file reported by another tracer (audit execve).</summary>
    public void AcceptExecutedFile(string path, ReadOnlySpan<byte> evidence) => CallRules.RecordExecuted(this, path, evidence);

    [System.Runtime.CompilerServices.SkipLocalsInit] // the buffer is written before it is read; zeroing it cost more than the parse
    private Syscall Count(ReadOnlySpan<byte> name, ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++) chars[i] = (char)name[i];
        var tally = this[FindingKind.Syscall];
        if (!_syscallsBySpan.TryGetValue(chars, out var call))
        {
            var entry = tally.Intern(chars);
            call = new Syscall(entry.Key, entry);
            _syscalls.Add(call.Name, call);
        }
        _calls++;
        tally.Bump(call.Tally, text);
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
        if (_processes.TryGetValue(pid, out var state)) return state;
        _processesSeen++;
        return _processes[pid] = new ProcessState();
    }

    internal void Adopt(int child, ProcessState state)
    {
        if (!_processes.ContainsKey(child)) _processesSeen++;
        _processes[child] = state;
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
