using System.Net.Sockets;
using HardenTui.Core.Exposure;
using HardenTui.Core.Tracing;

namespace HardenTui.Core.Units;

/// <summary>The D-Bus type of a unit property HardenTui reads, by its signature (systemd 252, dbus-unit/-service/-execute/-cgroup.c).</summary>
public enum PropertyKind
{
    /// <summary>s</summary>
    String,
    /// <summary>b</summary>
    Bool,
    /// <summary>i (kept as a signed number)</summary>
    Int32,
    /// <summary>u (unsigned)</summary>
    UInt32,
    /// <summary>t (unsigned)</summary>
    UInt64,
    /// <summary>as</summary>
    Strings,
    /// <summary>a(sasbttttuii): ExecStart= and friends (program, argv, ignore-failure, …)</summary>
    Commands,
    /// <summary>a(sasasttttuii): ExecStartEx= and friends (program, argv, prefix flags, …)</summary>
    CommandsEx,
    /// <summary>(bas): SystemCallFilter=, RestrictAddressFamilies= (allow-list?, entries)</summary>
    Filter,
    /// <summary>a(ss): DeviceAllow= (path, access)</summary>
    Devices,
    /// <summary>a(iayu): IPAddressAllow=/IPAddressDeny= (family, address bytes, prefix length)</summary>
    IpAddresses,
}

/// <summary>An allow- or deny-list as systemd holds it: SystemCallFilter=, RestrictAddressFamilies=.</summary>
public sealed record FilterList(bool AllowList, IReadOnlyList<string> Entries);

/// <summary>One DeviceAllow= entry.</summary>
public sealed record DeviceRule(string Path, string Access);

/// <summary>
/// The properties of one loaded unit that exposure, findings, tracing and health read, decoded from their D-Bus
/// types (<see cref="Schema"/>); everything else systemd has is never read. Values are typed: a property's
/// accessor returns null (or empty) when the unit does not have it or it has another type.
/// </summary>
public sealed class UnitProperties
{
    /// <summary>
    /// Every property read, with its D-Bus type; the Unit interface's first, then Service's. A property not named
    /// here is never read (its accessor returns null): code that needs another one adds it here.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, PropertyKind> Schema = BuildSchema();

    private readonly IReadOnlyDictionary<string, object> _values;

    /// <param name="values">Name → value: string, bool, long (i), ulong (u, t), string[] (as), ExecCommand[],
    /// <see cref="FilterList"/>, <see cref="DeviceRule"/>[], <see cref="IpAccessEntry"/>[], as <see cref="Schema"/> says.</param>
    public UnitProperties(string unit, IReadOnlyDictionary<string, object> values)
    {
        // systemd's own name where it gave one: asked by an alias (sshd.service), the unit is ssh.service.
        Unit = values.TryGetValue("Id", out var id) && id is string { Length: > 0 } own ? own : unit;
        _values = values;
    }

    /// <summary>The unit's name as systemd knows it (its Id), whatever alias it was asked by.</summary>
    public string Unit { get; }

    /// <summary>Names of the properties present.</summary>
    public IEnumerable<string> Names => _values.Keys;

    public bool Has(string name) => _values.ContainsKey(name);

    public string? String(string name) => _values.TryGetValue(name, out var v) ? v as string : null;
    public bool? Bool(string name) => _values.TryGetValue(name, out var v) && v is bool b ? b : null;

    /// <summary>A number as signed (an unsigned one above long.MaxValue is null).</summary>
    public long? Number(string name) => _values.TryGetValue(name, out var v)
        ? v switch { long l => l, ulong u when u <= long.MaxValue => (long)u, _ => null }
        : null;

    /// <summary>A number as unsigned (a negative one is null).</summary>
    public ulong? UNumber(string name) => _values.TryGetValue(name, out var v)
        ? v switch { ulong u => u, long l when l >= 0 => (ulong)l, _ => null }
        : null;

    public IReadOnlyList<string> Strings(string name) => _values.TryGetValue(name, out var v) && v is IReadOnlyList<string> s ? s : [];

    /// <summary>An Exec*= property (plain or Ex); null when the unit does not have it.</summary>
    public IReadOnlyList<ExecCommand>? Commands(string name) => _values.TryGetValue(name, out var v) ? v as IReadOnlyList<ExecCommand> : null;

    public FilterList? Filter(string name) => _values.TryGetValue(name, out var v) ? v as FilterList : null;

    public IReadOnlyList<DeviceRule> Devices(string name) => _values.TryGetValue(name, out var v) && v is IReadOnlyList<DeviceRule> d ? d : [];

    public IReadOnlyList<IpAccessEntry> IpAddresses(string name) =>
        _values.TryGetValue(name, out var v) && v is IReadOnlyList<IpAccessEntry> e ? e : [];

    /// <summary>An IPAddressAllow=/Deny= entry from its D-Bus form (AF_INET6 is 10 on Linux).</summary>
    public static IpAccessEntry IpEntry(int family, byte[] address, int prefixLength) =>
        new(family == 10 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, address, prefixLength);

    private static Dictionary<string, PropertyKind> BuildSchema()
    {
        var k = new Dictionary<string, PropertyKind>(StringComparer.Ordinal);
        void Add(PropertyKind kind, params string[] names)
        {
            foreach (var n in names) k[n] = kind;
        }
        // org.freedesktop.systemd1.Unit
        Add(PropertyKind.String, "Id", "Description", "LoadState", "ActiveState", "SubState", "FragmentPath", "UnitFileState");
        Add(PropertyKind.Strings, "DropInPaths");
        Add(PropertyKind.Bool, "DefaultDependencies", "NeedDaemonReload", "CanReload");
        // org.freedesktop.systemd1.Service: state and how it runs
        Add(PropertyKind.String, "Type", "Result", "ControlGroup", "User", "Group", "PAMName", "NotifyAccess", "KeyringMode", "ProtectProc",
            "ProcSubset", "ProtectHome", "ProtectSystem", "RootDirectory", "RootImage", "DevicePolicy",
            "ProtectControlGroupsEx", "PrivateTmpEx", "PrivateUsersEx", "PrivatePIDs"); // the *Ex and PrivatePIDs: 257 on
        Add(PropertyKind.UInt32, "MainPID", "NRestarts", "UMask");
        Add(PropertyKind.Int32, "SystemCallErrorNumber");
        Add(PropertyKind.UInt64, "AmbientCapabilities", "CapabilityBoundingSet", "RestrictNamespaces");
        Add(PropertyKind.Bool, "DynamicUser", "LockPersonality", "MemoryDenyWriteExecute", "NoNewPrivileges", "ProtectHostname",
            "PrivateDevices", "PrivateMounts", "PrivateNetwork", "PrivateTmp", "PrivateUsers", "PrivateIPC", "ProtectControlGroups",
            "ProtectKernelModules", "ProtectKernelTunables", "ProtectKernelLogs", "ProtectClock", "RemoveIPC", "RestrictRealtime",
            "RestrictSUIDSGID", "Delegate");
        Add(PropertyKind.Strings, "SupplementaryGroups", "SystemCallArchitectures", "IPIngressFilterPath", "IPEgressFilterPath",
            "NoExecPaths", "ExecPaths", "ReadWritePaths", "ReadOnlyPaths", "InaccessiblePaths");
        Add(PropertyKind.Filter, "RestrictAddressFamilies", "SystemCallFilter");
        Add(PropertyKind.Devices, "DeviceAllow");
        Add(PropertyKind.IpAddresses, "IPAddressAllow", "IPAddressDeny");
        Add(PropertyKind.Commands, "ExecStartPre", "ExecStart", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost");
        Add(PropertyKind.CommandsEx, "ExecStartPreEx", "ExecStartEx", "ExecStartPostEx", "ExecReloadEx", "ExecStopEx", "ExecStopPostEx");
        return k;
    }
}
