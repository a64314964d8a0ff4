// Applies unit-file assignments to a SecurityInfo the way systemd 252's config parsers do
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
                if (value.Length == 0) info.SupplementaryGroups.Clear(); else info.SupplementaryGroups.AddRange(Words(value));
                break;
            case "CapabilityBoundingSet": info.CapabilityBoundingSet = CapabilitySet(info.CapabilityBoundingSet, value, SecurityInfo.AllCapabilities); break;
            case "AmbientCapabilities": info.AmbientCapabilities = CapabilitySet(info.AmbientCapabilities, value, 0); break;
            case "KeyringMode": info.KeyringMode = value; break;
            case "ProtectProc": info.ProtectProc = value; break;
            case "ProcSubset": info.ProcSubset = value; break;
            case "NotifyAccess": info.NotifyAccess = value; break;
            case "ProtectHome": info.ProtectHome = Tristate(value, "read-only", "tmpfs"); break;
            case "ProtectSystem": info.ProtectSystem = Tristate(value, "full", "strict"); break;
            case "RootDirectory": info.RootDirectory = value; break;
            case "RootImage": info.RootImage = value; break;
            case "DevicePolicy": info.DevicePolicy = value; break;
            case "DeviceAllow": DeviceAllow(info, value); break;
            case "IPAddressAllow": IpAccess(info.IPAddressAllow, value); break;
            case "IPAddressDeny": IpAccess(info.IPAddressDeny, value); break;
            case "IPIngressFilterPath": info.IPIngressFilter = value.Length > 0; break;
            case "IPEgressFilterPath": info.IPEgressFilter = value.Length > 0; break;
            case "RestrictNamespaces": info.RestrictNamespaces = Namespaces.Apply(info.RestrictNamespaces, value); break;
            case "RestrictAddressFamilies": AddressFamilies(info, value); break;
            case "SystemCallArchitectures":
                if (value.Length == 0) info.SystemCallArchitectures.Clear(); else info.SystemCallArchitectures.UnionWith(Words(value));
                break;
            case "SystemCallFilter": SyscallFilter.Apply(info, value); break;
            case "UMask":
                if (TryOctal(value, out var mask)) info.UMask = mask;
                break;
            default: ApplyBool(info, key, value); break;
        }
    }

    private static void ApplyBool(SecurityInfo info, string key, string value)
    {
        switch (key)
        {
            case "LockPersonality": info.LockPersonality = Bool(value, false); break;
            case "MemoryDenyWriteExecute": info.MemoryDenyWriteExecute = Bool(value, false); break;
            case "NoNewPrivileges": info.NoNewPrivileges = Bool(value, false); break;
            case "ProtectHostname": info.ProtectHostname = Bool(value, false); break;
            case "PrivateDevices": info.PrivateDevices = Bool(value, false); break;
            case "PrivateMounts": info.PrivateMounts = Bool(value, false); break;
            case "PrivateNetwork": info.PrivateNetwork = Bool(value, false); break;
            case "PrivateTmp": info.PrivateTmp = Bool(value, false); break;
            case "PrivateUsers": info.PrivateUsers = Bool(value, false); break;
            case "ProtectControlGroups": info.ProtectControlGroups = Bool(value, false); break;
            case "ProtectKernelModules": info.ProtectKernelModules = Bool(value, false); break;
            case "ProtectKernelTunables": info.ProtectKernelTunables = Bool(value, false); break;
            case "ProtectKernelLogs": info.ProtectKernelLogs = Bool(value, false); break;
            case "ProtectClock": info.ProtectClock = Bool(value, false); break;
            case "RemoveIPC": info.RemoveIPC = Bool(value, false); break;
            case "RestrictRealtime": info.RestrictRealtime = Bool(value, false); break;
            case "RestrictSUIDSGID": info.RestrictSUIDSGID = Bool(value, false); break;
            case "Delegate": info.Delegate = value.Length == 0 ? false : Bool(value, true); break;
        }
    }

    /// <summary>unit_patch_contexts() (src/core/unit.c, 252): settings implied by other settings.</summary>
    public static void Patch(SecurityInfo info)
    {
        if (info.PrivateDevices) info.CapabilityBoundingSet &= ~Capabilities.Mask("CAP_MKNOD", "CAP_SYS_RAWIO");
        if (info.ProtectKernelModules) info.CapabilityBoundingSet &= ~Capabilities.Mask("CAP_SYS_MODULE");
        if (info.ProtectKernelLogs) info.CapabilityBoundingSet &= ~Capabilities.Mask("CAP_SYSLOG");
        if (info.ProtectClock) info.CapabilityBoundingSet &= ~Capabilities.Mask("CAP_SYS_TIME", "CAP_WAKE_ALARM");
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
        if (info.ProtectClock && !info.DeviceAllow.Contains("char-rtc:r")) info.DeviceAllow.Insert(0, "char-rtc:r");
    }

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

    private static string Tristate(string value, string third, string fourth) =>
        ParseBool(value) is { } b ? (b ? "yes" : "no") : value == third || value == fourth ? value : "no";

    private static bool TryOctal(string value, out uint mode)
    {
        mode = 0;
        try { mode = Convert.ToUInt32(value, 8); return mode <= 0777; }
        catch (FormatException) { return false; }
        catch (OverflowException) { return false; }
    }

    private static ulong CapabilitySet(ulong current, string value, ulong initial)
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
        if (value.Length == 0) { info.DeviceAllow.Clear(); return; }
        var words = Words(value).ToArray();
        var perms = words.Length > 1 ? words[1] : "rwm";
        var normalized = string.Concat("rwm".Where(perms.Contains));
        info.DeviceAllow.Insert(0, $"{words[0]}:{normalized}");
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
        if (value.Length == 0) { info.AddressFamilies?.Clear(); info.AddressFamiliesAllowList = false; return; }
        if (value == "none") { info.AddressFamilies?.Clear(); info.AddressFamiliesAllowList = true; return; }
        var invert = value.StartsWith('~');
        if (info.AddressFamilies is null)
        {
            info.AddressFamilies = new HashSet<string>(StringComparer.Ordinal);
            info.AddressFamiliesAllowList = !invert;
        }
        foreach (var word in Words(invert ? value[1..] : value))
        {
            if (!word.StartsWith("AF_", StringComparison.Ordinal)) continue;
            if (!invert == info.AddressFamiliesAllowList) info.AddressFamilies.Add(word);
            else info.AddressFamilies.Remove(word);
        }
    }
}
