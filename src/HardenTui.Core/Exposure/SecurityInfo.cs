// What systemd-analyze security looks at for one unit (analyze-security.c, struct SecurityInfo, systemd 252).
// Built from a loaded unit's D-Bus properties (FromProperties), from unit files (FromUnit, like --offline=true),
// or as a copy plus a proposed drop-in (ExposureScorer.Preview). Read-only to callers; only Core fills it while building.
using HardenTui.Core.Syscalls;

namespace HardenTui.Core.Exposure;

public sealed partial class SecurityInfo
{
    /// <summary>All 64 capability bits: an unrestricted bounding set (CAP_ALL in systemd).</summary>
    public const ulong AllCapabilities = ulong.MaxValue;
    /// <summary>Every namespace type allowed (NAMESPACE_FLAGS_INITIAL = ULONG_MAX).</summary>
    public const ulong AllNamespaces = ulong.MaxValue;

    internal SecurityInfo(string id, bool online, SyscallGroups groups)
    {
        Id = id;
        Online = online;
        Groups = groups;
    }

    public string Id { get; }
    /// <summary>True when read from a running manager: systemd-analyze then applies its online-only fix-ups.</summary>
    public bool Online { get; }
    /// <summary>The host's syscall groups, used to expand @groups in SystemCallFilter= and to score its rows.</summary>
    public SyscallGroups Groups { get; }
    /// <summary>The systemd this stands in for (from the groups): its parser, its libseccomp, its offline quirks.</summary>
    public int SystemdVersion => Groups.SystemdVersion;

    public bool DefaultDependencies { get; internal set; } = true;
    public ulong AmbientCapabilities { get; internal set; }
    public ulong CapabilityBoundingSet { get; internal set; } = AllCapabilities;
    public string? User { get; internal set; }
    public IReadOnlyList<string> SupplementaryGroups => SupplementaryGroupStore;
    internal List<string> SupplementaryGroupStore { get; private set; } = [];
    public bool DynamicUser { get; internal set; }
    public string KeyringMode { get; internal set; } = "private";
    public string ProtectProc { get; internal set; } = "default";
    public string ProcSubset { get; internal set; } = "all";
    public bool LockPersonality { get; internal set; }
    public bool MemoryDenyWriteExecute { get; internal set; }
    public bool NoNewPrivileges { get; internal set; }
    public bool ProtectHostname { get; internal set; }
    public bool PrivateDevices { get; internal set; }
    public bool PrivateMounts { get; internal set; }
    /// <summary>Whether a unit file assigned PrivateMounts= (254+ keep it unset otherwise, which offline scores as set).</summary>
    internal bool PrivateMountsAssigned { get; set; }
    public bool PrivateNetwork { get; internal set; }
    public bool PrivateTmp { get; internal set; }
    public bool PrivateUsers { get; internal set; }
    public bool ProtectControlGroups { get; internal set; }
    public bool ProtectKernelModules { get; internal set; }
    public bool ProtectKernelTunables { get; internal set; }
    public bool ProtectKernelLogs { get; internal set; }
    public bool ProtectClock { get; internal set; }
    public bool RemoveIPC { get; internal set; }
    public bool RestrictRealtime { get; internal set; }
    public bool RestrictSUIDSGID { get; internal set; }
    public bool Delegate { get; internal set; }
    public string NotifyAccess { get; internal set; } = "none";
    public string ProtectHome { get; internal set; } = "no";
    public string ProtectSystem { get; internal set; } = "no";
    public bool AddressFamiliesAllowList { get; internal set; }
    /// <summary>Configured families ("AF_UNIX", …); null when RestrictAddressFamilies= was never set.</summary>
    public IReadOnlySet<string>? AddressFamilies => AddressFamilyStore;
    internal HashSet<string>? AddressFamilyStore { get; set; }
    /// <summary>Mask of the CLONE_NEW* flags the service may still use.</summary>
    public ulong RestrictNamespaces { get; internal set; } = AllNamespaces;
    public string? RootDirectory { get; internal set; }
    public string? RootImage { get; internal set; }
    public string DevicePolicy { get; internal set; } = "auto";
    /// <summary>"path:perms" entries in systemd's list order (newest first).</summary>
    public IReadOnlyList<string> DeviceAllow => DeviceAllowStore;
    internal List<string> DeviceAllowStore { get; private set; } = [];
    public IReadOnlyList<IpAccessEntry> IPAddressDeny => IPAddressDenyStore;
    internal List<IpAccessEntry> IPAddressDenyStore { get; private set; } = [];
    public IReadOnlyList<IpAccessEntry> IPAddressAllow => IPAddressAllowStore;
    internal List<IpAccessEntry> IPAddressAllowStore { get; private set; } = [];
    public bool IPIngressFilter { get; internal set; }
    public bool IPEgressFilter { get; internal set; }
    public IReadOnlySet<string> SystemCallArchitectures => SystemCallArchitectureStore;
    internal HashSet<string> SystemCallArchitectureStore { get; private set; } = new(StringComparer.Ordinal);
    public bool SystemCallFilterAllowList { get; internal set; }
    /// <summary>Syscall name → errno (-1 = none), as systemd's filter hashmap holds it.</summary>
    public IReadOnlyDictionary<string, int> SystemCallFilter => SystemCallFilterStore;
    internal Dictionary<string, int> SystemCallFilterStore { get; private set; } = new(StringComparer.Ordinal);
    public uint UMask { get; internal set; } = Convert.ToUInt32("0022", 8);
    /// <summary>
    /// The effective unit as `systemctl cat` prints it, when read with the properties: a preview then knows which
    /// drop-ins systemd reads after ours (<see cref="ExposureScorer.Preview"/>). Null when unknown.
    /// </summary>
    public string? UnitText { get; internal set; }
    /// <summary>The bounding set as configured, before Protect*= settings removed bits; null when unknown.</summary>
    internal ulong? ConfiguredCapabilityBoundingSet { get; set; }

    /// <summary>A deep copy, so a preview never changes what the caller holds.</summary>
    public SecurityInfo Clone()
    {
        var copy = (SecurityInfo)MemberwiseClone();
        copy.SupplementaryGroupStore = [.. SupplementaryGroupStore];
        copy.AddressFamilyStore = AddressFamilyStore is null ? null : new HashSet<string>(AddressFamilyStore, StringComparer.Ordinal);
        copy.DeviceAllowStore = [.. DeviceAllowStore];
        copy.IPAddressDenyStore = [.. IPAddressDenyStore];
        copy.IPAddressAllowStore = [.. IPAddressAllowStore];
        copy.SystemCallArchitectureStore = new HashSet<string>(SystemCallArchitectureStore, StringComparer.Ordinal);
        copy.SystemCallFilterStore = new Dictionary<string, int>(SystemCallFilterStore, StringComparer.Ordinal);
        return copy;
    }
}
