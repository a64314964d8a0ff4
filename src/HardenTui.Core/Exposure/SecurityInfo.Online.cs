// SecurityInfo from a loaded unit's properties (UnitProperties: the typed values systemd reports over D-Bus). Property names and
// signatures: systemd 252 src/core/dbus-execute.c, dbus-cgroup.c, dbus-unit.c, dbus-service.c.
using HardenTui.Core.Syscalls;
using HardenTui.Core.Units;

namespace HardenTui.Core.Exposure;

public sealed partial class SecurityInfo
{
    /// <param name="unitText">
    /// The effective unit as `systemctl cat` prints it, when known: it tells which capabilities the unit file
    /// itself allows, so a preview that turns ProtectKernelModules= etc. off restores exactly what systemd would.
    /// </param>
    public static SecurityInfo FromProperties(UnitProperties p, SyscallGroups groups, string? unitText = null)
    {
        string? Str(string n) => p.String(n);
        bool Bool(string n) => p.Bool(n) == true;
        ulong U64(string n, ulong fallback) => p.UNumber(n) ?? fallback;
        IEnumerable<string> List(string n) => p.Strings(n);

        var info = new SecurityInfo(Str("Id") ?? p.Unit, online: true, groups)
        {
            DefaultDependencies = !p.Has("DefaultDependencies") || Bool("DefaultDependencies"),
            AmbientCapabilities = U64("AmbientCapabilities", 0),
            CapabilityBoundingSet = U64("CapabilityBoundingSet", AllCapabilities),
            User = Str("User"),
            DynamicUser = Bool("DynamicUser"),
            KeyringMode = Str("KeyringMode") ?? "private",
            ProtectProc = Str("ProtectProc") ?? "default",
            ProcSubset = Str("ProcSubset") ?? "all",
            LockPersonality = Bool("LockPersonality"),
            MemoryDenyWriteExecute = Bool("MemoryDenyWriteExecute"),
            NoNewPrivileges = Bool("NoNewPrivileges"),
            ProtectHostname = Bool("ProtectHostname"),
            PrivateDevices = Bool("PrivateDevices"),
            PrivateMounts = Bool("PrivateMounts"),
            PrivateNetwork = Bool("PrivateNetwork"),
            PrivateTmp = Bool("PrivateTmp"),
            PrivateUsers = Bool("PrivateUsers"),
            ProtectControlGroups = Bool("ProtectControlGroups"),
            ProtectKernelModules = Bool("ProtectKernelModules"),
            ProtectKernelTunables = Bool("ProtectKernelTunables"),
            ProtectKernelLogs = Bool("ProtectKernelLogs"),
            ProtectClock = Bool("ProtectClock"),
            RemoveIPC = Bool("RemoveIPC"),
            RestrictRealtime = Bool("RestrictRealtime"),
            RestrictSUIDSGID = Bool("RestrictSUIDSGID"),
            Delegate = Bool("Delegate"),
            NotifyAccess = Str("NotifyAccess") ?? "none",
            ProtectHome = Str("ProtectHome") ?? "no",
            ProtectSystem = Str("ProtectSystem") ?? "no",
            RestrictNamespaces = U64("RestrictNamespaces", AllNamespaces),
            RootDirectory = Str("RootDirectory"),
            RootImage = Str("RootImage"),
            DevicePolicy = Str("DevicePolicy") ?? "auto",
            IPIngressFilter = List("IPIngressFilterPath").Any(),
            IPEgressFilter = List("IPEgressFilterPath").Any(),
            UMask = (uint)U64("UMask", Convert.ToUInt32("0022", 8)),
        };
        info.SupplementaryGroupStore.AddRange(List("SupplementaryGroups"));
        info.SystemCallArchitectureStore.UnionWith(List("SystemCallArchitectures"));
        if (p.Filter("RestrictAddressFamilies") is { } families)
        {
            info.AddressFamiliesAllowList = families.AllowList;
            var listed = new HashSet<string>(families.Entries, StringComparer.Ordinal);
            // An empty deny-list is systemd's "never set", so a later drop-in may still start an allow-list.
            info.AddressFamilyStore = listed.Count == 0 && !info.AddressFamiliesAllowList ? null : listed;
        }
        if (p.Filter("SystemCallFilter") is { } filter)
        {
            info.SystemCallFilterAllowList = filter.AllowList;
            foreach (var entry in filter.Entries)
            {
                var colon = entry.IndexOf(':');
                info.SystemCallFilterStore[colon < 0 ? entry : entry[..colon]] = colon < 0 ? SyscallFilter.NoErrno : 1;
            }
        }
        info.DeviceAllowStore.AddRange(p.Devices("DeviceAllow").Select(d => $"{d.Path}:{d.Access}"));
        info.IPAddressAllowStore.AddRange(p.IpAddresses("IPAddressAllow"));
        info.IPAddressDenyStore.AddRange(p.IpAddresses("IPAddressDeny"));
        if (unitText is not null)
        {
            info.ConfiguredCapabilityBoundingSet = ConfiguredBoundingSet(unitText);
            info.UnitText = unitText;
        }
        return info;
    }

    private static ulong ConfiguredBoundingSet(string unitText)
    {
        var set = AllCapabilities;
        foreach (var a in Units.UnitFile.Parse(unitText, "systemctl cat").Assignments)
            if (a.Key == "CapabilityBoundingSet" && a.Section == "Service")
                set = SecuritySettings.CapabilitySet(set, a.Value, AllCapabilities);
        return set;
    }
}
