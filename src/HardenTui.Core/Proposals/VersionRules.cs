using HardenTui.Core.Directives;

namespace HardenTui.Core.Proposals;

/// <summary>
/// What systemd added after 252, kept apart from the level rules: a directive or value is proposed only where the
/// unit's systemd knows it (an older one ignores the line with a warning and the service runs less hardened than
/// shown), and where it does, the strongest value the trace allows — ProtectControlGroups=strict (257) where no
/// cgroup file was written or read, PrivateTmp=disconnected (257) where no temporary file from before was used,
/// PrivatePIDs=yes (257) where no other process was looked at, PrivateUsers=self|identity (257) where the service
/// used nothing a user namespace takes away.
/// </summary>
internal static class VersionRules
{
    private static readonly string[] Temp = ["/tmp", "/var/tmp"];

    /// <summary>New directives of their own (after the level rules, before <see cref="Strongest"/>).</summary>
    public static IEnumerable<Proposal?> All(RuleKit k)
    {
        if (Knows(k, "PrivateUsers", "self")) yield return PrivateUsers(k);
        if (!Knows(k, "PrivatePIDs")) yield break;
        var type = k.Context?.ServiceType;
        if (type == "forking")
        {
            yield return new Proposal("PrivatePIDs", [new("PrivatePIDs", "yes", "")], false,
                "not for Type=forking: the kernel ends the PID namespace when its first process exits", []);
            yield break;
        }
        var others = k.Paths().Where(p => p.Key.StartsWith("/proc/", StringComparison.Ordinal) && p.Key.Length > 6 && char.IsAsciiDigit(p.Key[6]));
        yield return k.Value("PrivatePIDs", "yes", "no other process was looked at (/proc/PID), so a PID namespace of its own hides nothing it needs",
            "the service looked at other processes in /proc", others, k.Current["PrivatePIDs"] is "yes" or "true");
    }

    /// <summary>
    /// The proposals the unit's systemd understands, each raised to the strongest value it supports that the trace
    /// allows. Proposals naming a directive or value newer than that systemd are dropped.
    /// </summary>
    public static List<Proposal> Strongest(RuleKit k, IEnumerable<Proposal> proposals)
    {
        var version = Version(k);
        var catalog = DirectiveCatalog.Load();
        var result = new List<Proposal>();
        foreach (var p in proposals)
        {
            if (p.Lines.Any(l => catalog.TooNew(l.Name, l.Value, version) is not null)) continue;
            if (p is { Directive: "PrivateUsers", YourCall: true } && Knows(k, "PrivateUsers", "self")) continue; // decided by the trace on 257
            result.Add(p.Directive switch
            {
                "ProtectControlGroups" when p.DefaultOn && Knows(k, "ProtectControlGroups", "strict") && !CgroupsRead(k).Any() =>
                    Raise(p, "strict", "no cgroup file was read or written: a cgroup namespace of its own, read-only (systemd 257)"),
                "PrivateTmp" when p.DefaultOn && Knows(k, "PrivateTmp", "disconnected") && !TempFromBefore(k).Any() =>
                    Raise(p, "disconnected", "no file that existed before in /tmp or /var/tmp was used: both on a fresh tmpfs, tied to nothing on the host (systemd 257)"),
                _ => p,
            });
        }
        // Already "yes" in the unit: on 257 the stronger value is still worth its own proposal.
        if (Knows(k, "ProtectControlGroups", "strict") && k.Current.IsYes("ProtectControlGroups")
            && k.Current["ProtectControlGroupsEx"] is not ("strict" or "private") && result.All(p => p.Directive != "ProtectControlGroups"))
            result.Add(k.Value("ProtectControlGroups", "strict", "no cgroup file was read or written: a cgroup namespace of its own, read-only (systemd 257)",
                "the service used cgroup files", CgroupsRead(k).Concat(k.Writes().Where(w => RuleKit.IsUnder(w.Key, "/sys/fs/cgroup"))), false)!);
        if (Knows(k, "PrivateTmp", "disconnected") && k.Current.IsYes("PrivateTmp")
            && k.Current["PrivateTmpEx"] is not "disconnected" && result.All(p => p.Directive != "PrivateTmp"))
            result.Add(k.Value("PrivateTmp", "disconnected", "no file that existed before in /tmp or /var/tmp was used: both on a fresh tmpfs (systemd 257)",
                "the service used files in /tmp or /var/tmp that it did not create", TempFromBefore(k), false)!);
        return result;
    }

    // Capabilities that still work inside a user namespace on the objects it maps (files, its own processes). Every
    // other one is checked against the namespace that owns the object — the host's network, clock, kernel, limits —
    // where a service with PrivateUsers= has none (systemd.exec(5), PrivateUsers=, 257).
    private static readonly string[] InsideUserNamespace =
        ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP",
         "CAP_SETFCAP", "CAP_SYS_CHROOT", "CAP_KILL"];

    // Becoming or chowning to a user other than root and the unit's own: that user is not mapped under "self".
    private static readonly string[] OtherUsers = ["CAP_SETUID", "CAP_SETGID", "CAP_CHOWN"];

    /// <summary>
    /// PrivateUsers= on 257, the strongest value the trace allows: self (only root and the unit's own user mapped) for a
    /// service that runs as its own user and never switches user or chowns; identity (the first 65536 users mapped to
    /// themselves: file ownership kept, no capabilities on the host) for one that runs as root or switches users; off
    /// where it used a capability the host's namespaces check (binding a port below 1024, raw sockets, limits, the
    /// clock…) or called setgroups(), which systemd denies inside the namespace (memcached's drop of its groups fails).
    /// </summary>
    private static Proposal? PrivateUsers(RuleKit k)
    {
        if (k.Current["PrivateUsers"] is not (null or "no" or "false" or "0" or "off")) return null;
        var host = k.Seen.Where("capability", c => !InsideUserNamespace.Contains(c))
            .Concat(k.Seen.Where("syscall", s => s == "setgroups").Select(s => s with { Evidence = "setgroups() is denied inside the user namespace systemd sets up" }))
            .ToList();
        if (host.Count > 0)
            return k.Value("PrivateUsers", "identity", "", "the service used what a user namespace takes away: capabilities over the host's network, kernel or limits, or setgroups()",
                host, false);
        var user = k.Context?.User ?? k.Current["User"];
        var asRoot = user is null or "root" or "0" && !k.Current.IsYes("DynamicUser");
        var others = k.Seen.Where("capability", OtherUsers.Contains).ToList();
        if (asRoot || others.Count > 0)
        {
            IReadOnlyList<string> notSelf =
            [
                "not self, which maps only root and the unit's own user:",
                .. asRoot ? ["  runs as root: files of other users would appear as nobody, out of reach of root's file permissions override"] : Array.Empty<string>(),
                .. RuleKit.Lines(others).Select(l => "  switches or chowns to other users: " + l),
                "identity maps the first 65536 users to themselves: ownership is kept, capabilities stop at the namespace",
            ];
            return k.Value("PrivateUsers", "identity",
                "no capability the host checks was used and no setgroups(): a user namespace mapping the first 65536 users to themselves (systemd 257)",
                "", [], false, notSelf);
        }
        return k.Value("PrivateUsers", "self",
            $"runs as {user}, never switched user, chowned or used a capability the host checks: a user namespace mapping only root and {user} (systemd 257)",
            "", [], false);
    }

    private static int Version(RuleKit k) => k.Context?.SystemdVersion ?? SystemdVersions.Baseline;

    private static bool Knows(RuleKit k, string directive, string? value = null) =>
        DirectiveCatalog.Load().Find(directive)?.KnownIn(Version(k), value) ?? false;

    private static IEnumerable<ObservedItem> CgroupsRead(RuleKit k) =>
        k.Paths("pathRead").Where(p => RuleKit.IsUnder(p.Key, "/sys/fs/cgroup"));

    private static IEnumerable<ObservedItem> TempFromBefore(RuleKit k) =>
        k.Paths().Where(p => RuleKit.IsUnderAny(p.Key, Temp) && !Temp.Contains(p.Key) && !k.Seen.Has("pathCreated", p.Key));

    private static Proposal Raise(Proposal p, string value, string why) =>
        p with { Lines = [.. p.Lines.Select(l => l.Name == p.Directive ? l with { Value = value, Reason = why } : l)], Reason = why };
}
