using System.Text.RegularExpressions;

namespace HardenTui.Core.Proposals;

/// <summary>The allow-lists: system calls, capabilities, socket families, and the ABI restriction.</summary>
internal static partial class FilterRules
{
    // Implied needs the trace shows only indirectly (capabilities(7)).
    private static readonly (string[] Syscalls, string Capability)[] ImpliedCapabilities =
    [
        (["setuid", "setreuid", "setresuid", "setfsuid"], "CAP_SETUID"),
        (["setgid", "setregid", "setresgid", "setfsgid", "setgroups"], "CAP_SETGID"),
        (["chown", "fchown", "lchown", "fchownat"], "CAP_CHOWN"),
        (["chroot"], "CAP_SYS_CHROOT"),
        (["kill", "tgkill"], "CAP_KILL"),
    ];

    [GeneratedRegex(@":(\d+)(/\w+)?$")]
    private static partial Regex PortPattern();

    public static IEnumerable<Proposal?> All(RuleKit k)
    {
        yield return SystemCallFilter(k);
        yield return k.Value("SystemCallErrorNumber", "EPERM", "a filtered system call fails with EPERM instead of killing the service",
            "", [], k.Current.IsSet("SystemCallErrorNumber"));
        yield return k.Value("SystemCallArchitectures", "native", "the service is a native program; other ABIs are only an attack path",
            "", [], k.Current["SystemCallArchitectures"] == "native");
        yield return CapabilityBoundingSet(k);
        var families = k.Seen.Of("socketFamily").Select(f => f.Key).Append("AF_UNIX").Distinct().Order(StringComparer.Ordinal).ToList();
        yield return k.Value("RestrictAddressFamilies", string.Join(' ', families),
            "only the socket families the service opened (and AF_UNIX, for logging) stay allowed", "", [], k.Current.IsSet("RestrictAddressFamilies"));
    }

    private static Proposal? SystemCallFilter(RuleKit k)
    {
        var extra = k.Seen.Of("syscall").Select(s => s.Key).Where(s => !k.Seen.Has("group@system-service", s)).Order(StringComparer.Ordinal).ToList();
        var value = string.Join(' ', new[] { "@system-service" }.Concat(extra));
        return k.Value("SystemCallFilter", value,
            extra.Count == 0 ? "every system call seen is in @system-service" : $"@system-service plus the {extra.Count} call{(extra.Count == 1 ? "" : "s")} seen outside it",
            "", [], k.Current.IsSet("SystemCallFilter"));
    }

    private static Proposal? CapabilityBoundingSet(RuleKit k)
    {
        var caps = new SortedSet<string>(k.Seen.Of("capability").Select(c => c.Key), StringComparer.Ordinal);
        foreach (var (syscalls, cap) in ImpliedCapabilities)
            if (syscalls.Any(s => k.Seen.Has("syscall", s))) caps.Add(cap);
        if (k.Seen.Of("boundAddress").Any(b => PortPattern().Match(b.Key) is { Success: true } m && int.Parse(m.Groups[1].Value) < 1024))
            caps.Add("CAP_NET_BIND_SERVICE");
        var value = caps.Count == 0 ? "" : string.Join(' ', caps);
        return k.Value("CapabilityBoundingSet", value,
            caps.Count == 0 ? "no privileged operation was seen: the service keeps no capability" : "only the capabilities the trace shows a need for",
            "", [], k.Current.IsSet("CapabilityBoundingSet"));
    }
}
