namespace HardenTui.Core.Tracing;

/// <summary>What a call returned: "3", "0x7f00", "-1 ENOENT (No such file or directory)", "?" (no return).</summary>
public readonly ref struct StraceResult(bool known, long value, ReadOnlySpan<byte> errno)
{
    public bool Known { get; } = known;
    public long Value { get; } = value;
    /// <summary>The errno name (EPERM) of a failed call, else empty.</summary>
    public ReadOnlySpan<byte> Errno { get; } = errno;
    public bool Succeeded => Known && Errno.IsEmpty && Value >= 0;

    public static StraceResult Parse(ReadOnlySpan<byte> result)
    {
        if (!StraceArgs.TryInteger(result, out var value)) return new StraceResult(false, 0, default);
        var space = result.IndexOf((byte)' ');
        if (value >= 0 || space < 0) return new StraceResult(true, value, default);
        var tail = result[(space + 1)..];
        var end = tail.IndexOf((byte)' ');
        var errno = end < 0 ? tail : tail[..end];
        return new StraceResult(true, value, errno.Length > 0 && errno[0] == (byte)'E' ? errno : default);
    }
}
