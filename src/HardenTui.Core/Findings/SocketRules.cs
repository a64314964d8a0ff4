using System.Text;
using HardenTui.Core.Tracing;

namespace HardenTui.Core.Findings;

/// <summary>Socket families, bound addresses and ports, and the capabilities they imply (ports below 1024, raw sockets).</summary>
internal static class SocketRules
{
    public static readonly string[] Names = ["socket", "socketpair", "bind", "connect"];

    public static void Apply(FindingsBuilder b, string name, ProcessState state, ReadOnlySpan<byte> args, StraceResult result, ReadOnlySpan<byte> evidence)
    {
        switch (name)
        {
            case "socket" or "socketpair":
                var family = Token(StraceArgs.Nth(args, 0));
                if (family.IsEmpty) return;
                var familyText = Encoding.ASCII.GetString(family);
                b[FindingKind.SocketFamily].Add(familyText, evidence);
                if (family.SequenceEqual("AF_PACKET"u8) || (StraceArgs.HasFlag(StraceArgs.Nth(args, 1), "SOCK_RAW"u8) && !family.SequenceEqual("AF_NETLINK"u8)))
                    b[FindingKind.Capability].Add("CAP_NET_RAW", evidence);
                if (name == "socket" && result.Succeeded) state.Fds[(int)result.Value] = "socket:" + familyText;
                break;
            case "bind" or "connect":
                var address = StraceArgs.Nth(args, 1);
                var sa = Token(Field(address, "sa_family="u8));
                if (sa.IsEmpty) return;
                b[FindingKind.SocketFamily].Add(Encoding.ASCII.GetString(sa), evidence);
                if (name == "bind") Bound(b, sa, address, evidence);
                break;
        }
    }

    private static void Bound(FindingsBuilder b, ReadOnlySpan<byte> family, ReadOnlySpan<byte> address, ReadOnlySpan<byte> evidence)
    {
        var familyText = Encoding.ASCII.GetString(family);
        if (family.SequenceEqual("AF_UNIX"u8))
        {
            var path = Field(address, "sun_path="u8);
            var abstractName = path.StartsWith("@"u8);
            Span<byte> raw = stackalloc byte[PathResolver.MaxPath];
            var n = StraceArgs.Unquote(abstractName ? path[1..] : path, raw);
            b[FindingKind.BoundAddress].Add($"{familyText} {(abstractName ? "@" : "")}{(n > 0 ? Encoding.UTF8.GetString(raw[..n]) : "")}".TrimEnd(), evidence);
            return;
        }
        var portText = Field(address, family.SequenceEqual("AF_INET6"u8) ? "sin6_port=htons("u8 : "sin_port=htons("u8);
        if (!StraceArgs.TryInteger(portText, out var port))
        {
            b[FindingKind.BoundAddress].Add(familyText, evidence);
            return;
        }
        var host = Quoted(address, family.SequenceEqual("AF_INET6"u8) ? "inet_pton(AF_INET6, "u8 : "inet_addr("u8);
        b[FindingKind.BoundAddress].Add(family.SequenceEqual("AF_INET6"u8) ? $"{familyText} [{host}]:{port}" : $"{familyText} {host}:{port}", evidence);
        if (port is > 0 and < 1024) b[FindingKind.Capability].Add("CAP_NET_BIND_SERVICE", evidence);
    }

    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> text, ReadOnlySpan<byte> name)
    {
        var at = text.IndexOf(name);
        return at < 0 ? default : text[(at + name.Length)..];
    }

    private static string Quoted(ReadOnlySpan<byte> text, ReadOnlySpan<byte> after)
    {
        var value = Field(text, after);
        Span<byte> raw = stackalloc byte[256];
        var n = StraceArgs.Unquote(value, raw);
        return n > 0 ? Encoding.UTF8.GetString(raw[..n]) : "?";
    }

    /// <summary>The leading identifier of a value ("AF_INET" of "AF_INET, sin_port=..." or "AF_UNIX}").</summary>
    private static ReadOnlySpan<byte> Token(ReadOnlySpan<byte> value)
    {
        var n = 0;
        while (n < value.Length && (value[n] is >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'_')) n++;
        return value[..n];
    }
}
