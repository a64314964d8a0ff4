namespace HardenTui.Core.Proposals;

/// <summary>
/// The proposals for a <see cref="SessionService"/>: whatever a session would inherit is turned off, with what it
/// would do to the admins who log in; only directives systemd enforces on the unit's cgroup stay on, and only when
/// pam_systemd moves each session out of that cgroup. Separate from the level rules so they stay unaware of it.
/// </summary>
public static class SessionRules
{
    /// <summary>Enforced on the unit's cgroup (BPF device and IP filters), not inherited by a process that leaves it.</summary>
    private static readonly string[] CgroupScoped = ["DevicePolicy", "DeviceAllow", "IPAddressDeny", "IPAddressAllow"];

    /// <summary>What an admin's session would meet, per directive (the rest: <see cref="Inherited"/>).</summary>
    private static readonly Dictionary<string, string> InSession = new(StringComparer.Ordinal)
    {
        ["NoExecPaths"] = "sessions could run only the programs this trace saw",
        ["NoNewPrivileges"] = "sudo, su and every setuid program would stop raising privileges",
        ["ProtectSystem"] = "/usr, /etc and the rest would be read-only for admins",
        ["ProtectHome"] = "home directories would be hidden or read-only in every session",
        ["PrivateTmp"] = "sessions would get a /tmp of their own instead of the system's",
        ["PrivateDevices"] = "disks and other real devices would vanish from sessions",
        ["CapabilityBoundingSet"] = "root in a session would lose every capability not listed",
        ["SystemCallFilter"] = "programs in sessions would fail on system calls the daemon never made",
        ["SystemCallArchitectures"] = "32-bit programs would fail in sessions",
        ["RestrictAddressFamilies"] = "programs in sessions could open only the daemon's socket families (no netlink for ip, …)",
        ["ProtectKernelTunables"] = "sysctl and writes under /sys would fail for admins",
        ["ProtectKernelModules"] = "modprobe would fail for admins",
        ["ProtectKernelLogs"] = "dmesg would fail for admins",
        ["ProtectControlGroups"] = "containers and cgroup tools would fail in sessions",
        ["ProtectClock"] = "admins could not set the clock",
        ["ProtectHostname"] = "the host name could not be changed from a session",
        ["ProtectProc"] = "ps and top in a session would not see other users' processes",
        ["ProcSubset"] = "system-wide /proc files (meminfo, mounts, …) would vanish from sessions",
        ["PrivateMounts"] = "mounts made in a session would not reach the system",
        ["RestrictNamespaces"] = "containers and unshare would fail in sessions",
        ["RestrictSUIDSGID"] = "admins could not set setuid/setgid bits",
        ["MemoryDenyWriteExecute"] = "JIT runtimes (java, node, …) would fail in sessions",
        ["PrivateIPC"] = "sessions would not share IPC objects with the rest of the system",
        ["PrivatePIDs"] = "ps, kill and top in a session would see only the session's own processes",
        ["UMask"] = "files created in sessions would get the daemon's umask",
        ["KeyringMode"] = "sessions' kernel keyrings would change",
    };

    private const string Inherited = "every process of every session would inherit it";

    private const string Reaches = "reaches into the sessions";

    /// <summary>A proposal the trace would have switched on and only the sessions keep off (its reason starts so); a
    /// profile written for the service's jobs may switch it on, unlike one the trace shows a need against.</summary>
    public static bool OffOnlyForTheSessions(string reason) => reason.StartsWith(Reaches, StringComparison.Ordinal);

    public static IReadOnlyList<Proposal> Apply(IReadOnlyList<Proposal> proposals, SessionService? session)
    {
        if (session is null) return proposals;
        return proposals.Select(p => p is { DefaultOn: false, YourCall: true } ? p : Safe(p, session) ? p with
            {
                Reason = p.Reason + "; safe for the sessions: pam_systemd moves each one into a scope of its own, out of this cgroup",
            }
            : p.DefaultOn ? p with
            {
                DefaultOn = false,
                Reason = $"{Reaches} {session.Unit} starts: {WhatItDoes(p)}",
                Evidence = [.. session.Evidence.Select(e => "session service: " + e), .. p.Evidence],
            }
            // Already off for a need the trace shows: that reason stays first, so nothing takes it for the sessions' alone.
            : p with { Reason = $"{p.Reason}; it also {Reaches} {session.Unit} starts: {WhatItDoes(p)}" }).ToList();
    }

    private static string WhatItDoes(Proposal p) => InSession.GetValueOrDefault(p.Directive, Inherited);

    private static bool Safe(Proposal p, SessionService session) =>
        session.SessionsLeaveTheCgroup && p.Lines.All(l => CgroupScoped.Contains(l.Name));

    /// <summary>One line for the CLI: what was left off for the sessions' sake and what stays on.</summary>
    public static string Summary(SessionService session, IReadOnlyList<Proposal> proposals)
    {
        var on = proposals.Where(p => p.DefaultOn).Select(p => p.Directive + "=").ToList();
        var off = proposals.Where(p => !p.DefaultOn && !p.YourCall && p.Reason.Contains(Reaches, StringComparison.Ordinal))
            .Select(p => p.Directive + "=").ToList();
        return $"{session.Unit} starts other users' sessions or jobs ({string.Join("; ", session.Evidence)}); " +
            $"left off {off.Count} directive(s) every session would inherit ({string.Join(' ', off)}); " +
            (on.Count == 0 ? "nothing else is safe for the sessions" : $"only the safe part stays on: {string.Join(' ', on)}");
    }
}
