namespace HardenTui.Core.Tracing;

/// <summary>
/// Reads strace's argument text: top-level arguments split at commas outside quotes, (), {} and [] (so nested
/// structs and arrays stay whole), quoted strings with C escapes, numbers, flag sets (A|B|C) and "fd&lt;path&gt;"
/// decorations (-y).
/// </summary>
public static class StraceArgs
{
    /// <summary>The n-th (0-based) top-level argument, trimmed; empty when absent.</summary>
    public static ReadOnlySpan<byte> Nth(ReadOnlySpan<byte> args, int n)
    {
        var depth = 0;
        var start = 0;
        var index = 0;
        for (var i = 0; i < args.Length; i++)
        {
            var b = args[i];
            if (b == (byte)'"') { i = SkipQuoted(args, i); continue; }
            if (b is (byte)'(' or (byte)'{' or (byte)'[') depth++;
            else if (b is (byte)')' or (byte)'}' or (byte)']') depth--;
            else if (b == (byte)',' && depth == 0)
            {
                if (index == n) return args[start..i].Trim((byte)' ');
                index++;
                start = i + 1;
            }
        }
        return index == n ? args[start..].Trim((byte)' ') : default;
    }

    /// <summary>Index of the closing quote of the string starting at <paramref name="open"/> (or the end).</summary>
    private static int SkipQuoted(ReadOnlySpan<byte> s, int open)
    {
        for (var i = open + 1; i < s.Length; i += 2)
        {
            var hit = s[i..].IndexOfAny((byte)'"', (byte)'\\'); // vectorised: paths are long, escapes rare
            if (hit < 0) return s.Length;
            i += hit;
            if (s[i] == (byte)'"') return i;
        }
        return s.Length;
    }

    /// <summary>
    /// Decodes a quoted argument ("a\tb\303\251", possibly followed by strace's "..." truncation mark) into
    /// <paramref name="into"/>; returns the number of bytes written, or -1 when the argument is not a string.
    /// </summary>
    public static int Unquote(ReadOnlySpan<byte> arg, Span<byte> into)
    {
        if (arg.Length < 2 || arg[0] != (byte)'"') return -1;
        var n = 0;
        for (var i = 1; i < arg.Length && n < into.Length; i++)
        {
            var run = arg[i..].IndexOfAny((byte)'"', (byte)'\\'); // vectorised: most paths have no escape
            if (run < 0) run = arg.Length - i;
            if (run > 0)
            {
                var take = Math.Min(run, into.Length - n);
                arg.Slice(i, take).CopyTo(into[n..]);
                n += take;
                i += take - 1;
                continue;
            }
            var b = arg[i];
            if (b == (byte)'"') return n;
            if (b != (byte)'\\' || i + 1 >= arg.Length) { into[n++] = b; continue; }
            var e = arg[++i];
            switch (e)
            {
                case (byte)'n': into[n++] = (byte)'\n'; break;
                case (byte)'t': into[n++] = (byte)'\t'; break;
                case (byte)'r': into[n++] = (byte)'\r'; break;
                case (byte)'v': into[n++] = (byte)'\v'; break;
                case (byte)'f': into[n++] = (byte)'\f'; break;
                case (byte)'x' when i + 2 < arg.Length:
                    into[n++] = (byte)(Hex(arg[i + 1]) * 16 + Hex(arg[i + 2]));
                    i += 2;
                    break;
                case >= (byte)'0' and <= (byte)'7':
                    var v = e - '0';
                    for (var k = 0; k < 2 && i + 1 < arg.Length && arg[i + 1] is >= (byte)'0' and <= (byte)'7'; k++) v = v * 8 + (arg[++i] - '0');
                    into[n++] = (byte)v;
                    break;
                default: into[n++] = e; break;
            }
        }
        return n;
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => 0,
    };

    /// <summary>A decimal or 0x-hex integer at the start of the argument (an fd like "3&lt;/etc/x&gt;" gives 3).</summary>
    public static bool TryInteger(ReadOnlySpan<byte> arg, out long value)
    {
        value = 0;
        var negative = arg.Length > 0 && arg[0] == (byte)'-';
        var s = negative ? arg[1..] : arg;
        var hex = s.StartsWith("0x"u8);
        if (hex) s = s[2..];
        var digits = 0;
        foreach (var b in s)
        {
            int d = hex ? (b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' ? Hex(b) : -1) : (b is >= (byte)'0' and <= (byte)'9' ? b - '0' : -1);
            if (d < 0) break;
            value = value * (hex ? 16 : 10) + d;
            digits++;
        }
        if (negative) value = -value;
        return digits > 0;
    }

    /// <summary>The path strace -y prints after an fd ("3&lt;/usr/lib/libc.so.6&gt;"), or empty.</summary>
    public static ReadOnlySpan<byte> DecoratedPath(ReadOnlySpan<byte> arg)
    {
        var open = arg.IndexOf((byte)'<');
        return open > 0 && arg[^1] == (byte)'>' ? arg[(open + 1)..^1] : default;
    }

    /// <summary>True when a flag set (PROT_READ|PROT_EXEC, O_WRONLY|O_CREAT) contains the flag.</summary>
    public static bool HasFlag(ReadOnlySpan<byte> flags, ReadOnlySpan<byte> flag)
    {
        var at = 0;
        while (true)
        {
            var hit = flags[at..].IndexOf(flag);
            if (hit < 0) return false;
            var start = at + hit;
            var end = start + flag.Length;
            var leftOk = start == 0 || !IsWord(flags[start - 1]);
            var rightOk = end == flags.Length || !IsWord(flags[end]);
            if (leftOk && rightOk) return true;
            at = end;
        }
    }

    private static bool IsWord(byte b) => b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'_';
}
