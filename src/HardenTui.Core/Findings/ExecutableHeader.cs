using System.Text;

namespace HardenTui.Core.Findings;

/// <summary>
/// The interpreter an executable asks for, read from its first bytes: the ELF program header PT_INTERP
/// (the dynamic loader, e.g. /lib64/ld-linux-x86-64.so.2) or a "#!" line (/bin/sh). The host reads the bytes.
/// </summary>
public static class ExecutableHeader
{
    /// <summary>How many leading bytes a caller should read for <see cref="Interpreter"/>.</summary>
    public const int BytesNeeded = 8192;

    public static string? Interpreter(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("#!"u8)) return Shebang(head[2..]);
        if (head.Length < 64 || !head.StartsWith("\u007fELF"u8) || head[4] != 2 || head[5] != 1) return null;
        var phoff = (long)BitConverter.ToUInt64(head[32..40]);
        var phentsize = BitConverter.ToUInt16(head[54..56]);
        var phnum = BitConverter.ToUInt16(head[56..58]);
        for (var i = 0; i < phnum; i++)
        {
            var at = phoff + (long)i * phentsize;
            if (at + 56 > head.Length) return null;
            var ph = head[(int)at..];
            if (BitConverter.ToUInt32(ph[..4]) != 3) continue; // PT_INTERP
            var offset = (long)BitConverter.ToUInt64(ph[8..16]);
            var size = (long)BitConverter.ToUInt64(ph[32..40]);
            if (offset + size > head.Length || size < 2) return null;
            return Encoding.UTF8.GetString(head.Slice((int)offset, (int)size - 1));
        }
        return null;
    }

    private static string? Shebang(ReadOnlySpan<byte> line)
    {
        var end = line.IndexOf((byte)'\n');
        var text = Encoding.UTF8.GetString(end < 0 ? line : line[..end]).Trim();
        var space = text.IndexOfAny([' ', '\t']);
        var program = space < 0 ? text : text[..space];
        return program.StartsWith('/') ? program : null;
    }
}
