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
            "", [], k.Current.IsSet("SystemCallErrorNumber"), RuleKit.NotFromTrace("it only sets how a filtered call fails"));
        yield return k.Value("SystemCallArchitectures", "native", "the service is a native program; other ABIs are only an attack path",
            "", [], k.Current["SystemCallArchitectures"] == "native",
            RuleKit.NotFromTrace("the programs are built for this machine's ABI"));
        yield return CapabilityBoundingSet(k);
        var families = k.Seen.Of("socketFamily").Select(f => f.Key).Append("AF_UNIX").Distinct().Order(StringComparer.Ordinal).ToList();
        yield return k.Value("RestrictAddressFamilies", string.Join(' ', families),
            "only the socket families the service opened (and AF_UNIX, for logging) stay allowed", "", [], k.Current.IsSet("RestrictAddressFamilies"),
            RuleKit.BuiltFrom("socket families", k.Seen.Of("socketFamily").Select(RuleKit.Line).ToList()));
    }

    private static Proposal? SystemCallFilter(RuleKit k)
    {
        var extra = k.Seen.Of("syscall").Select(s => s.Key).Where(s => !k.Seen.Has("group@system-service", s)).Order(StringComparer.Ordinal).ToList();
        var value = string.Join(' ', new[] { "@system-service" }.Concat(extra));
        return k.Value("SystemCallFilter", value,
            extra.Count == 0 ? "every system call seen is in @system-service" : $"@system-service plus the {extra.Count} call{(extra.Count == 1 ? "" : "s")} seen outside it",
            "", [], k.Current.IsSet("SystemCallFilter"),
            [$"{k.Seen.Of("syscall").Count} distinct system calls seen in the trace", .. RuleKit.BuiltFrom("calls outside @system-service", extra)]);
    }

    private static Proposal? CapabilityBoundingSet(RuleKit k)
    {
        var why = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in k.Seen.Of("capability")) why.TryAdd(c.Key, c.Evidence.Length > 0 ? c.Evidence : "checked by the kernel");
        foreach (var (syscalls, cap) in ImpliedCapabilities)
            if (syscalls.FirstOrDefault(s => k.Seen.Has("syscall", s)) is { } call) why.TryAdd(cap, $"{call}() was called");
        if (k.Current["User"] is null or "root" or "0" && k.Writes().FirstOrDefault(w => !RuleKit.IsUnderAny(w.Key, "/dev", "/proc", "/sys")) is { } write)
        {
            why.TryAdd("CAP_DAC_OVERRIDE", $"root writes files its workers may own ({write.Key})"); // nginx: /var/log/nginx/error.log, www-data 0640
            // Seen in the sandbox: after `rm access.log; nginx -s reopen` the master creates the log as root and chowns it
            // to www-data so its workers can reopen it; without CAP_CHOWN that fails, the workers get EACCES and the
            // access log is lost. A trace never reopens logs (logrotate does, days later), so root that switches to a
            // workers' user keeps the right to hand them the files it writes.
            if (why.ContainsKey("CAP_SETUID"))
                why.TryAdd("CAP_CHOWN", $"root hands files it writes to the user its workers run as ({write.Key}; nginx -s reopen chowns a new log)");
        }
        if (k.Seen.Of("boundAddress").FirstOrDefault(b => PortPattern().Match(b.Key) is { Success: true } m && int.Parse(m.Groups[1].Value) < 1024) is { } port)
            why.TryAdd("CAP_NET_BIND_SERVICE", $"bound {port.Key}, a port below 1024");
        var caps = why.Keys;
        var value = caps.Count == 0 ? "" : string.Join(' ', caps);
        return k.Value("CapabilityBoundingSet", value,
            caps.Count == 0 ? "no privileged operation was seen: the service keeps no capability" : "only the capabilities the trace shows a need for",
            "", [], k.Current.IsSet("CapabilityBoundingSet"), RuleKit.BuiltFrom("capability needs", why.Select(w => $"{w.Key}: {RuleKit.Squeeze(w.Value)}").ToList()));
    }
}
