namespace HardenTui.Core.Exposure;

/// <summary>RestrictNamespaces= values (src/basic/namespace-util.c namespace_info[], load-fragment.c, 252).</summary>
internal static class Namespaces
{
    public static readonly IReadOnlyDictionary<string, ulong> Flags = new Dictionary<string, ulong>(StringComparer.Ordinal)
    {
        ["cgroup"] = 0x02000000, ["ipc"] = 0x08000000, ["net"] = 0x40000000, ["mnt"] = 0x00020000,
        ["pid"] = 0x20000000, ["user"] = 0x10000000, ["uts"] = 0x04000000, ["time"] = 0x00000080,
    };

    private static readonly ulong All = Flags.Values.Aggregate(0UL, (a, b) => a | b);

    public static ulong Apply(ulong current, string value)
    {
        if (value.Length == 0)
            return SecurityInfo.AllNamespaces;
        if (SecuritySettings.ParseBool(value) is { } restrict)
            return restrict ? 0 : All;
        var invert = value.StartsWith('~');
        var flags = 0UL;
        foreach (var word in SecuritySettings.Words(invert ? value[1..] : value))
            if (Flags.TryGetValue(word, out var flag))
                flags |= flag;
        if (current == SecurityInfo.AllNamespaces)
            return invert ? ~flags & All : flags;
        return invert ? current & ~flags : current | flags;
    }
}
