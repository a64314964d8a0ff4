// SecurityInfo from a loaded unit's properties: the "data" of each property of
// org.freedesktop.DBus.Properties.GetAll on the unit object, as busctl --json prints it. Property names and
// signatures: systemd 252 src/core/dbus-execute.c, dbus-cgroup.c, dbus-unit.c, dbus-service.c.
using System.Net.Sockets;
using System.Text.Json;
using HardenTui.Core.Syscalls;

namespace HardenTui.Core.Exposure;

public sealed partial class SecurityInfo
{
    public static SecurityInfo FromProperties(string unit, IReadOnlyDictionary<string, JsonElement> p, SyscallGroups groups)
    {
        string? Str(string n) => p.TryGetValue(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool Bool(string n) => p.TryGetValue(n, out var v) && v.ValueKind == JsonValueKind.True;
        ulong U64(string n, ulong fallback) => p.TryGetValue(n, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetUInt64() : fallback;
        IEnumerable<string> Strings(JsonElement e) => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(x => x.GetString() ?? "") : [];
        IEnumerable<string> List(string n) => p.TryGetValue(n, out var v) ? Strings(v) : [];

        var info = new SecurityInfo(Str("Id") ?? unit, online: true, groups)
        {
            DefaultDependencies = !p.ContainsKey("DefaultDependencies") || Bool("DefaultDependencies"),
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
        info.SupplementaryGroups.AddRange(List("SupplementaryGroups"));
        info.SystemCallArchitectures.UnionWith(List("SystemCallArchitectures"));
        if (p.TryGetValue("RestrictAddressFamilies", out var families) && families.ValueKind == JsonValueKind.Array)
        {
            info.AddressFamiliesAllowList = families[0].ValueKind == JsonValueKind.True;
            var listed = new HashSet<string>(Strings(families[1]), StringComparer.Ordinal);
            // An empty deny-list is systemd's "never set", so a later drop-in may still start an allow-list.
            info.AddressFamilies = listed.Count == 0 && !info.AddressFamiliesAllowList ? null : listed;
        }
        if (p.TryGetValue("SystemCallFilter", out var filter) && filter.ValueKind == JsonValueKind.Array)
        {
            info.SystemCallFilterAllowList = filter[0].ValueKind == JsonValueKind.True;
            foreach (var entry in Strings(filter[1]))
            {
                var colon = entry.IndexOf(':');
                info.SystemCallFilter[colon < 0 ? entry : entry[..colon]] = colon < 0 ? SyscallFilter.NoErrno : 1;
            }
        }
        if (p.TryGetValue("DeviceAllow", out var devices) && devices.ValueKind == JsonValueKind.Array)
            info.DeviceAllow.AddRange(devices.EnumerateArray().Select(d => $"{d[0].GetString()}:{d[1].GetString()}"));
        info.IPAddressAllow.AddRange(IpEntries(p, "IPAddressAllow"));
        info.IPAddressDeny.AddRange(IpEntries(p, "IPAddressDeny"));
        return info;
    }

    private static IEnumerable<IpAccessEntry> IpEntries(IReadOnlyDictionary<string, JsonElement> p, string name)
    {
        if (!p.TryGetValue(name, out var list) || list.ValueKind != JsonValueKind.Array)
            yield break;
        foreach (var item in list.EnumerateArray())
        {
            var family = item[0].GetInt32() == 10 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
            var bytes = item[1].EnumerateArray().Select(b => b.GetByte()).ToArray();
            yield return new IpAccessEntry(family, bytes, item[2].GetInt32());
        }
    }
}
