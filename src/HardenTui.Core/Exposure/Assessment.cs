// The assess_* functions of systemd 252.39 src/analyze/analyze-security.c: each row's badness (0..range, or null
// for "not applicable") and the dynamic description some of them produce.
namespace HardenTui.Core.Exposure;

internal readonly record struct Assessment(int? Badness, string? Description = null)
{
    public static readonly Assessment NotApplicable = new(null);

    public static Assessment Of(Assessor row, SecurityInfo info) => row.Assess switch
    {
        "bool" => new(Flag(row.Field!, info) != row.Inverted ? 0 : 1),
        "user" => User(info),
        "supplementary_groups" => RunsPrivileged(info) ? NotApplicable : new(info.SupplementaryGroups.Count > 0 ? 1 : 0),
        "remove_ipc" => RunsPrivileged(info) ? NotApplicable : new(info.RemoveIPC ? 0 : 1),
        "protect_home" => ProtectHome(info.ProtectHome),
        "protect_system" => ProtectSystem(info.ProtectSystem),
        "root_directory" => new(IsUnsetRoot(info.RootDirectory) && IsUnsetRoot(info.RootImage) ? 1 : 0),
        "capability_bounding_set" => new((info.CapabilityBoundingSet & row.Mask) != 0 ? 1 : 0),
        "umask" => UMask(info.UMask),
        "keyring_mode" => new(info.KeyringMode == "private" ? 0 : 1),
        "protect_proc" => new(info.ProtectProc switch { "noaccess" => 1, "invisible" or "ptraceable" => 0, _ => 3 }),
        "proc_subset" => new(info.ProcSubset == "pid" ? 0 : 1),
        "notify_access" => new(info.NotifyAccess == "all" ? 1 : 0),
        "restrict_namespaces" => new((info.RestrictNamespaces & row.Mask) != 0 ? 1 : 0),
        "system_call_architectures" => Architectures(info.SystemCallArchitectures),
        "system_call_filter" => SyscallFilterRow.Assess(info, row.Group!),
        "ip_address_allow" => IpAddress(info),
        "device_allow" => DeviceAllow(info),
        "ambient_capabilities" => new(info.AmbientCapabilities != 0 ? 1 : 0),
        _ => throw new InvalidOperationException($"unknown assessor kind {row.Assess}"),
    };

    private static bool Flag(string field, SecurityInfo info) => field switch
    {
        "private_devices" => info.PrivateDevices,
        "private_mounts" => info.PrivateMounts || (info.Online && ImpliesPrivateMounts(info)),
        "private_network" => info.PrivateNetwork,
        "private_tmp" => info.PrivateTmp,
        "private_users" => info.PrivateUsers,
        "protect_control_groups" => info.ProtectControlGroups,
        "protect_kernel_modules" => info.ProtectKernelModules,
        "protect_kernel_tunables" => info.ProtectKernelTunables,
        "protect_kernel_logs" => info.ProtectKernelLogs,
        "protect_clock" => info.ProtectClock,
        "protect_hostname" => info.ProtectHostname,
        "lock_personality" => info.LockPersonality,
        "memory_deny_write_execute" => info.MemoryDenyWriteExecute,
        "no_new_privileges" => info.NoNewPrivileges,
        "delegate" => info.Delegate,
        "restrict_realtime" => info.RestrictRealtime,
        "restrict_suid_sgid" => info.RestrictSUIDSGID,
        "restrict_address_family_inet" => AddressFamilyRestricted(info, "inet"),
        "restrict_address_family_unix" => AddressFamilyRestricted(info, "unix"),
        "restrict_address_family_netlink" => AddressFamilyRestricted(info, "netlink"),
        "restrict_address_family_packet" => AddressFamilyRestricted(info, "packet"),
        "restrict_address_family_other" => AddressFamilyRestricted(info, "other"),
        _ => throw new InvalidOperationException($"unknown field {field}"),
    };

    /// <summary>acquire_security_info() (252): online, several settings count as PrivateMounts=yes.</summary>
    private static bool ImpliesPrivateMounts(SecurityInfo info) =>
        info.PrivateDevices || info.PrivateTmp || info.ProtectControlGroups || info.ProtectKernelTunables ||
        info.ProtectKernelModules || info.ProtectHome != "no" || info.ProtectSystem != "no" || !string.IsNullOrEmpty(info.RootImage);

    /// <summary>
    /// Each class starts as "restricted" when an allow-list is configured; a listed family of the class flips it
    /// (so one denied exotic family marks all exotic families as restricted — systemd's own quirk).
    /// </summary>
    private static bool AddressFamilyRestricted(SecurityInfo info, string familyClass)
    {
        var restricted = info.AddressFamiliesAllowList;
        foreach (var listed in info.AddressFamilies ?? [])
        {
            var listedClass = listed switch
            {
                "AF_INET" or "AF_INET6" => "inet",
                "AF_UNIX" => "unix",
                "AF_NETLINK" => "netlink",
                "AF_PACKET" => "packet",
                _ => "other",
            };
            if (listedClass == familyClass)
                restricted = !info.AddressFamiliesAllowList;
        }
        return restricted;
    }

    private static bool RunsPrivileged(SecurityInfo info) =>
        info.User is "0" or "root" || (!info.DynamicUser && string.IsNullOrEmpty(info.User));

    private static Assessment User(SecurityInfo info)
    {
        if (info.User == "nobody")
            return new(9, "Service runs under as 'nobody' user, which should not be used for services");
        if (info.DynamicUser && info.User is not ("0" or "root"))
            return new(0, "Service runs under a transient non-root user identity");
        if (info.User is not (null or "0" or "root" or ""))
            return new(0, "Service runs under a static non-root user identity");
        return new(10);
    }

    private static Assessment ProtectHome(string value) => SecuritySettings.ParseBool(value) switch
    {
        true => new(0, "Service has no access to home directories"),
        false => new(10, "Service has full access to home directories"),
        null when value == "read-only" => new(5, "Service has read-only access to home directories"),
        null when value == "tmpfs" => new(1, "Service has access to fake empty home directories"),
        _ => new(10, "Service has full access to home directories"),
    };

    private static Assessment ProtectSystem(string value) => value switch
    {
        "yes" => new(5, "Service has limited write access to the OS file hierarchy"),
        "full" => new(3, "Service has very limited write access to the OS file hierarchy"),
        "strict" => new(0, "Service has strict read-only access to the OS file hierarchy"),
        _ => new(10, "Service has full access to the OS file hierarchy"),
    };

    private static bool IsUnsetRoot(string? path) => string.IsNullOrEmpty(path) || path == "/";

    private static Assessment UMask(uint mask) =>
        (mask & 0b000_000_010) == 0 ? new(10, "Files created by service are world-writable by default")
        : (mask & 0b000_000_100) == 0 ? new(5, "Files created by service are world-readable by default")
        : (mask & 0b000_010_000) == 0 ? new(2, "Files created by service are group-writable by default")
        : (mask & 0b000_100_000) == 0 ? new(1, "Files created by service are group-readable by default")
        : new(0, "Files created by service are accessible only by service's own user by default");

    private static Assessment Architectures(HashSet<string> archs) =>
        archs.Count == 0 ? new(10, "Service may execute system calls with all ABIs")
        : archs.Count == 1 && archs.Contains("native") ? new(0, "Service may execute system calls only with native ABI")
        : new(8, "Service may execute system calls with multiple ABIs");

    private static Assessment IpAddress(SecurityInfo info)
    {
        if (info.IPIngressFilter || info.IPEgressFilter)
            return new(0, "Service defines custom ingress/egress IP filters with BPF programs");
        var denyAll = info.IPAddressDeny.Any(e => e.IsEverything && e.Family == System.Net.Sockets.AddressFamily.InterNetwork)
                      && info.IPAddressDeny.Any(e => e.IsEverything && e.Family == System.Net.Sockets.AddressFamily.InterNetworkV6);
        if (!denyAll)
            return new(10, "Service does not define an IP address allow list");
        if (info.IPAddressAllow.Any(e => !e.IsLocalhost(info.Online)))
            return new(5, "Service defines IP address allow list with non-localhost entries");
        if (info.IPAddressAllow.Count > 0)
            return new(2, "Service defines IP address allow list with only localhost entries");
        return new(0, "Service blocks all IP address ranges");
    }

    private static Assessment DeviceAllow(SecurityInfo info)
    {
        if (info.DevicePolicy is not ("strict" or "closed"))
            return new(10, "Service has no device ACL");
        return info.DeviceAllow.Count > 0
            ? new(5, "Service has a device ACL with some special devices: " + string.Join(' ', info.DeviceAllow))
            : new(0, "Service has a minimal device ACL");
    }
}
