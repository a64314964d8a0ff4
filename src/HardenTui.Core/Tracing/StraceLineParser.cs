// Reads one line of strace output in any of the shapes strace prints: with or without a pid prefix ("123 ",
// "[pid 123] "), with any timestamp style (-t 12:00:01, -tt 12:00:01.123456, -ttt 1700000000.123456, -r 0.000123),
// whole calls, <unfinished ...> / <... resumed> halves, signals and exits. Works on bytes: strace escapes every
// non-printable byte, so its output is ASCII except where a user path holds UTF-8, which we only slice, never split.
using System.Runtime.CompilerServices;

namespace HardenTui.Core.Tracing;

public static class StraceLineParser
{
    private static ReadOnlySpan<byte> UnfinishedTail => " <unfinished ...>"u8;
    private static ReadOnlySpan<byte> ResumedHead => "<... "u8;
    private static ReadOnlySpan<byte> ResumedTail => " resumed>"u8;

    public static StraceLine Parse(ReadOnlySpan<byte> text)
    {
        var line = TrimEnd(text);
        var i = SkipSpaces(line, 0);
        var pid = 0;
        if (line[i..].StartsWith("[pid"u8))
        {
            var close = line[i..].IndexOf((byte)']');
            if (close < 0 || !TryNumber(line[(i + 4)..(i + close)].Trim((byte)' '), out pid)) return Garbage(text);
            i = SkipSpaces(line, i + close + 1);
        }
        else
        {
            var end = TokenEnd(line, i);
            if (end > i && end < line.Length && TryNumber(line[i..end], out pid)) i = SkipSpaces(line, end);
            else pid = 0;
        }
        if (i < line.Length && IsDigit(line[i]))
        {
            var end = i;
            while (end < line.Length && (IsDigit(line[end]) || line[end] is (byte)':' or (byte)'.')) end++;
            if (end >= line.Length || line[end] != (byte)' ') return Garbage(text);
            i = SkipSpaces(line, end);
        }
        var rest = line[i..];
        if (rest.IsEmpty) return new StraceLine(StraceLineKind.Note, pid, default, default, default, text);
        return rest[0] switch
        {
            (byte)'<' => ParseResumed(rest, pid, text),
            (byte)'-' => ParseSignal(rest, pid, text),
            (byte)'+' => ParseExit(rest, pid, text),
            >= (byte)'a' and <= (byte)'z' => ParseCall(rest, pid, text),
            _ => Garbage(text),
        };
    }

    private static StraceLine ParseCall(ReadOnlySpan<byte> rest, int pid, ReadOnlySpan<byte> text)
    {
        var n = 1;
        while (n < rest.Length && IsNameByte(rest[n])) n++;
        if (n >= rest.Length || rest[n] != (byte)'(')
            return rest.StartsWith("strace: "u8) ? new StraceLine(StraceLineKind.Note, pid, default, default, default, text) : Garbage(text);
        var name = rest[..n];
        var body = rest[(n + 1)..];
        if (body.EndsWith(UnfinishedTail))
            return new StraceLine(StraceLineKind.Unfinished, pid, name, TrimEnd(body[..^UnfinishedTail.Length]), default, text);
        SplitResult(body, out var args, out var result);
        return new StraceLine(StraceLineKind.Call, pid, name, args, result, text);
    }

    private static StraceLine ParseResumed(ReadOnlySpan<byte> rest, int pid, ReadOnlySpan<byte> text)
    {
        if (!rest.StartsWith(ResumedHead)) return Garbage(text);
        var close = rest.IndexOf(ResumedTail);
        if (close < 0) return Garbage(text);
        var name = rest[ResumedHead.Length..close];
        SplitResult(rest[(close + ResumedTail.Length)..], out var args, out var result);
        return new StraceLine(StraceLineKind.Resumed, pid, name, args, result, text);
    }

    private static StraceLine ParseSignal(ReadOnlySpan<byte> rest, int pid, ReadOnlySpan<byte> text)
    {
        if (!rest.StartsWith("--- "u8)) return Garbage(text);
        var body = rest[4..];
        var end = body.IndexOf((byte)' ');
        var name = end < 0 ? body : body[..end];
        var args = end < 0 ? default : body[(end + 1)..];
        if (args.EndsWith(" ---"u8)) args = args[..^4];
        return new StraceLine(StraceLineKind.Signal, pid, name, args, default, text);
    }

    private static StraceLine ParseExit(ReadOnlySpan<byte> rest, int pid, ReadOnlySpan<byte> text)
    {
        if (rest.StartsWith("+++ exited with "u8))
        {
            var status = rest[16..];
            var end = status.IndexOf((byte)' ');
            return new StraceLine(StraceLineKind.Exited, pid, default, default, end < 0 ? status : status[..end], text);
        }
        if (rest.StartsWith("+++ killed by "u8))
        {
            var signal = rest[14..];
            var end = signal.IndexOf((byte)' ');
            return new StraceLine(StraceLineKind.Killed, pid, default, default, end < 0 ? signal : signal[..end], text);
        }
        return Garbage(text);
    }

    /// <summary>Splits "args) = result" at the last " = " (paths come before it), dropping strace's column padding.</summary>
    private static void SplitResult(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> args, out ReadOnlySpan<byte> result)
    {
        var eq = body.LastIndexOf(" = "u8);
        if (eq < 0)
        {
            args = body.EndsWith(")"u8) ? body[..^1] : body;
            result = default;
            return;
        }
        result = body[(eq + 3)..];
        var head = TrimEnd(body[..eq]);
        args = head.EndsWith(")"u8) ? head[..^1] : head;
    }

    private static StraceLine Garbage(ReadOnlySpan<byte> text) => new(StraceLineKind.Garbage, 0, default, default, default, text);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNameByte(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'_';
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipSpaces(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] == (byte)' ') i++;
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TokenEnd(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && IsDigit(s[i])) i++;
        return i < s.Length && s[i] == (byte)' ' ? i : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> s)
    {
        var n = s.Length;
        while (n > 0 && s[n - 1] is (byte)' ' or (byte)'\r' or (byte)'\n') n--;
        return s[..n];
    }

    internal static bool TryNumber(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 9) return false;
        foreach (var b in s)
        {
            if (!IsDigit(b)) return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
