using System.Net;
using System.Net.Sockets;

namespace HardenTui.Core.Exposure;

/// <summary>One IPAddressAllow=/IPAddressDeny= prefix (src/core/cgroup.h, struct IPAddressAccessItem, 252).</summary>
public sealed record IpAccessEntry(AddressFamily Family, byte[] Address, int PrefixLength)
{
    public bool IsLoopback => IPAddress.IsLoopback(new IPAddress(Address));

    public bool IsEverything => PrefixLength == 0;

    /// <summary>
    /// Online, systemd-analyze 252 only calls an entry "localhost" when it is exactly 127.x/8 or ::1/128
    /// (analyze-security.c, property_read_ip_address_allow); offline it ignores the prefix length.
    /// </summary>
    public bool IsLocalhost(bool online) =>
        IsLoopback && (!online || PrefixLength == (Family == AddressFamily.InterNetwork ? 8 : 128));

    /// <summary>Parses a unit-file value word ("any", "localhost", "10.0.0.0/8", "::1"); null when invalid.</summary>
    public static IReadOnlyList<IpAccessEntry>? ParseWord(string word) => word switch
    {
        "any" => [Of("0.0.0.0", 0), Of("::", 0)],
        "localhost" => [Of("127.0.0.0", 8), Of("::1", 128)],
        "link-local" => [Of("169.254.0.0", 16), Of("fe80::", 64)],
        "multicast" => [Of("224.0.0.0", 4), Of("ff00::", 8)],
        _ => ParsePrefix(word),
    };

    private static IpAccessEntry Of(string address, int prefix)
    {
        var ip = IPAddress.Parse(address);
        return new IpAccessEntry(ip.AddressFamily, ip.GetAddressBytes(), prefix);
    }

    private static IReadOnlyList<IpAccessEntry>? ParsePrefix(string word)
    {
        var slash = word.IndexOf('/');
        var addressText = slash < 0 ? word : word[..slash];
        if (!IPAddress.TryParse(addressText, out var ip))
            return null;
        var max = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(word[(slash + 1)..], out prefix) || prefix < 0 || prefix > max))
            return null;
        return [new IpAccessEntry(ip.AddressFamily, ip.GetAddressBytes(), prefix)];
    }
}
