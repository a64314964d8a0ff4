// Applies unit-file assignments to a SecurityInfo the way the config parsers of the systemd it stands in for do
// (252 as the baseline; values newer than that systemd are ignored, as it ignores them with a warning)
// (src/core/load-fragment.c: config_parse_capability_set, _restrict_namespaces, _address_families,
// _syscall_filter, _syscall_archs, _device_allow, _ip_address_access; src/shared/seccomp-util.c:
// seccomp_parse_syscall_filter), then the implications unit_patch_contexts() adds (src/core/unit.c).
namespace HardenTui.Core.Exposure;

internal static class SecuritySettings
{
    private static readonly string[] Separators = [" ", "\t"];

    /// <summary>Applies one assignment from [Unit], [Service] or a cgroup section; unknown keys are ignored.</summary>
    public static void Apply(SecurityInfo info, string section, string key, string value)
    {
        if (section == "Unit")
        {
            if (key == "DefaultDependencies")
                info.DefaultDependencies = Bool(value, true);
            return;
        }
        switch (key)
        {
            case "User": info.User = value.Length == 0 ? null : value; break;
            case "DynamicUser": info.DynamicUser = Bool(value, false); break;
            case "SupplementaryGroups":
                if (value.Length == 0) info.SupplementaryGroupStore.Clear(); else info.SupplementaryGroupStore.AddRange(Words(value));
                break;
            case "CapabilityBoundingSet": info.CapabilityBoundingSet = CapabilitySet(info.CapabilityBoundingSet, value, SecurityInfo.AllCapabilities); break;
            case "AmbientCapabilities": info.AmbientCapabilities = CapabilitySet(info.AmbientCapabilities, value, 0); break;
            case "KeyringMode": info.KeyringMode = value; break;
            case "ProtectProc": info.ProtectProc = value; break;
            case "ProcSubset": info.ProcSubset = value; break;
            case "NotifyAccess": info.NotifyAccess = value; break;
            case "ProtectHome": info.ProtectHome = Tristate(value, "read-only", "tmpfs", info.ProtectHome); break;
            case "ProtectSystem": info.ProtectSystem = Tristate(value, "full", "strict", info.ProtectSystem); break;
            case "RootDirectory": info.RootDirectory = value; break;
            case "RootImage": info.RootImage = value; break;
            case "DevicePolicy": info.DevicePolicy = value; break;
            case "DeviceAllow": DeviceAllow(info, value); break;
            case "IPAddressAllow": IpAccess(info.IPAddressAllowStore, value); break;
            case "IPAddressDeny": IpAccess(info.IPAddressDenyStore, value); break;
            case "IPIngressFilterPath": info.IPIngressFilter = value.Length > 0; break;
            case "IPEgressFilterPath": info.IPEgressFilter = value.Length > 0; break;
            case "RestrictNamespaces": info.RestrictNamespaces = Namespaces.Apply(info.RestrictNamespaces, value); break;
            case "RestrictAddressFamilies": AddressFamilies(info, value); break;
            case "SystemCallArchitectures":
                if (value.Length == 0) info.SystemCallArchitectureStore.Clear(); else info.SystemCallArchitectureStore.UnionWith(Words(value));
                break;
            case "SystemCallFilter": SyscallFilter.Apply(info, value); break;
            case "UMask":
                if (TryOctal(value, out var mask)) info.UMask = mask;
                break;
            default: ApplyBool(info, key, value); break;
        }
    }

    /// <summary>
    /// Booleans, some of which later took named values (257: ProtectControlGroups=private|strict,
    /// PrivateUsers=self|identity, PrivateTmp=disconnected; 258: ProtectHostname=private, PrivateUsers=full). Any
    /// value other than "no" counts as set, as analyze-security copies these into booleans. A value the stood-in
    /// systemd does not know is ignored (the setting keeps what it had), as its parser does.
    /// </summary>
    private static void ApplyBool(SecurityInfo info, string key, string value)
    {
        bool Flag(bool current) => ParseBool(value) ?? (NamedValueKnown(info, key, value) || current);
        switch (key)
        {
            case "LockPersonality": info.LockPersonality = Flag(info.LockPersonality); break;
            case "MemoryDenyWriteExecute": info.MemoryDenyWriteExecute = Flag(info.MemoryDenyWriteExecute); break;
            case "NoNewPrivileges": info.NoNewPrivileges = Flag(info.NoNewPrivileges); break;
            case "ProtectHostname": info.ProtectHostname = Flag(info.ProtectHostname); break;
            case "PrivateDevices": info.PrivateDevices = Flag(info.PrivateDevices); break;
            case "PrivateMounts": info.PrivateMounts = Flag(info.PrivateMounts); info.PrivateMountsAssigned = true; break;
            case "PrivateNetwork": info.PrivateNetwork = Flag(info.PrivateNetwork); break;
            case "PrivateTmp": info.PrivateTmp = Flag(info.PrivateTmp); break;
            case "PrivateUsers": info.PrivateUsers = Flag(info.PrivateUsers); break;
            case "ProtectControlGroups": info.ProtectControlGroups = Flag(info.ProtectControlGroups); break;
            case "ProtectKernelModules": info.ProtectKernelModules = Flag(info.ProtectKernelModules); break;
            case "ProtectKernelTunables": info.ProtectKernelTunables = Flag(info.ProtectKernelTunables); break;
            case "ProtectKernelLogs": info.ProtectKernelLogs = Flag(info.ProtectKernelLogs); break;
            case "ProtectClock": info.ProtectClock = Flag(info.ProtectClock); break;
            case "RemoveIPC": info.RemoveIPC = Flag(info.RemoveIPC); break;
            case "RestrictRealtime": info.RestrictRealtime = Flag(info.RestrictRealtime); break;
            case "RestrictSUIDSGID": info.RestrictSUIDSGID = Flag(info.RestrictSUIDSGID); break;
            case "Delegate": info.Delegate = value.Length == 0 ? false : Bool(value, true); break;
        }
    }

    /// <summary>A named value (not yes/no) the catalog lists for the directive and the stood-in systemd knows.</summary>
    private static bool NamedValueKnown(SecurityInfo info, string key, string value) =>
        Catalog.Find(key) is { } d && d.Value(value) is not null && d.KnownIn(info.SystemdVersion, value);

    private static readonly Directives.DirectiveCatalog Catalog = Directives.DirectiveCatalog.Load();

    /// <summary>unit_patch_contexts() (src/core/unit.c, 252): settings implied by other settings.</summary>
    public static void Patch(SecurityInfo info)
    {
        info.ConfiguredCapabilityBoundingSet = info.CapabilityBoundingSet;
        info.CapabilityBoundingSet &= ~PatchedCapabilities(info);
        if (info.DynamicUser)
        {
            info.User ??= info.Id.Split('.')[0].Replace('@', '-');
            info.PrivateTmp = true;
            info.RemoveIPC = true;
            info.ProtectSystem = "strict";
            if (info.ProtectHome == "no") info.ProtectHome = "read-only";
            info.NoNewPrivileges = true;
            info.RestrictSUIDSGID = true;
        }
        if (info.PrivateDevices && info.DevicePolicy == "auto") info.DevicePolicy = "closed";
        if (info.ProtectClock) info.DeviceAllowStore.Insert(0, "char-rtc:r");
        // 254 made PrivateMounts= a tristate; offline analyze copies "unset" (-1) into a bool, so it counts as set
        // (measured on 254.26 and 257.13: nginx 9.4 offline, 9.6 with PrivateMounts=no; 252 scores unset as unset).
        if (!info.Online && info.SystemdVersion >= OfflinePrivateMountsTristate && !info.PrivateMountsAssigned) info.PrivateMounts = true;
    }

    /// <summary>The first systemd whose offline analysis counts an unassigned PrivateMounts= as set (measured: 254).</summary>
    public const int OfflinePrivateMountsTristate = 254;

    /// <summary>
    /// Undoes what <see cref="Patch"/> added, so a drop-in that turns a Protect* setting off gets its capabilities
    /// and device rule back. The configured bounding set is known for unit files and for loaded units read with
    /// their unit text; otherwise bits are restored only for a set that was never written as an allow-list (bits
    /// above the known capabilities are set), which is wrong when a "~…" list also named them. DynamicUser='s
    /// and PrivateDevices='s implications cannot be told apart from explicit settings and stay.
    /// </summary>
    public static void Unpatch(SecurityInfo info)
    {
        if (info.ConfiguredCapabilityBoundingSet is { } configured)
            info.CapabilityBoundingSet = configured;
        else if ((info.CapabilityBoundingSet >> Capabilities.All.Count) != 0)
            info.CapabilityBoundingSet |= PatchedCapabilities(info);
        if (info.ProtectClock) info.DeviceAllowStore.Remove("char-rtc:r");
    }

    private static ulong PatchedCapabilities(SecurityInfo info) =>
        (info.PrivateDevices ? Capabilities.Mask("CAP_MKNOD", "CAP_SYS_RAWIO") : 0)
        | (info.ProtectKernelModules ? Capabilities.Mask("CAP_SYS_MODULE") : 0)
        | (info.ProtectKernelLogs ? Capabilities.Mask("CAP_SYSLOG") : 0)
        | (info.ProtectClock ? Capabilities.Mask("CAP_SYS_TIME", "CAP_WAKE_ALARM") : 0);

    public static IEnumerable<string> Words(string value) =>
        value.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"', '\''));

    /// <summary>parse_boolean() (src/basic/parse-util.c); an unparsable value keeps the default.</summary>
    public static bool? ParseBool(string value) => value.ToLowerInvariant() switch
    {
        "1" or "yes" or "y" or "true" or "t" or "on" => true,
        "0" or "no" or "n" or "false" or "f" or "off" => false,
        _ => null,
    };

    private static bool Bool(string value, bool fallback) => ParseBool(value) ?? fallback;

    /// <summary>yes/no or one of two named values; anything else is ignored (keeps the current value), as systemd does.</summary>
    private static string Tristate(string value, string third, string fourth, string current) =>
        ParseBool(value) is { } b ? (b ? "yes" : "no") : value == third || value == fourth ? value : current;

    private static bool TryOctal(string value, out uint mode)
    {
        mode = 0;
        try { mode = Convert.ToUInt32(value, 8); return mode <= 0777; }
        catch (FormatException) { return false; }
        catch (OverflowException) { return false; }
    }

    public static ulong CapabilitySet(ulong current, string value, ulong initial)
    {
        var invert = value.StartsWith('~');
        var sum = 0UL;
        foreach (var word in Words(invert ? value[1..] : value))
            if (Capabilities.Number(word) is var n and >= 0)
                sum |= 1UL << n;
        if (sum == 0 || current == initial)
            return invert ? ~sum : sum;
        return invert ? current & ~sum : current | sum;
    }

    private static void DeviceAllow(SecurityInfo info, string value)
    {
        if (value.Length == 0) { info.DeviceAllowStore.Clear(); return; }
        var words = Words(value).ToArray();
        var perms = words.Length > 1 ? words[1] : "rwm";
        var normalized = string.Concat("rwm".Where(perms.Contains));
        info.DeviceAllowStore.Insert(0, $"{words[0]}:{normalized}");
    }

    private static void IpAccess(List<IpAccessEntry> list, string value)
    {
        if (value.Length == 0) { list.Clear(); return; }
        foreach (var word in Words(value))
            if (IpAccessEntry.ParseWord(word) is { } entries)
                list.AddRange(entries);
    }

    private static void AddressFamilies(SecurityInfo info, string value)
    {
        if (value.Length == 0) { info.AddressFamilyStore?.Clear(); info.AddressFamiliesAllowList = false; return; }
        if (value == "none") { info.AddressFamilyStore?.Clear(); info.AddressFamiliesAllowList = true; return; }
        var invert = value.StartsWith('~');
        if (info.AddressFamilyStore is null)
        {
            info.AddressFamilyStore = new HashSet<string>(StringComparer.Ordinal);
            info.AddressFamiliesAllowList = !invert;
        }
        foreach (var word in Words(invert ? value[1..] : value))
        {
            if (!word.StartsWith("AF_", StringComparison.Ordinal)) continue;
            if (!invert == info.AddressFamiliesAllowList) info.AddressFamilyStore.Add(word);
            else info.AddressFamilyStore.Remove(word);
        }
    }
}
