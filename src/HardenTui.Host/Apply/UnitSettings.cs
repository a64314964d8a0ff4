using HardenTui.Core.Units;
using HardenTui.Core.Proposals;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Apply;

/// <summary>
/// Reads what the resolver needs from a loaded unit's D-Bus properties (org.freedesktop.systemd1.Service, 252):
/// the hardening it already has, in `systemctl show` spelling, and the programs its Exec*= lines run.
/// </summary>
public static class UnitSettings
{
    private static readonly string[] Flags =
    [
        "PrivateTmp", "PrivateDevices", "NoNewPrivileges", "RestrictSUIDSGID", "ProtectKernelTunables", "ProtectKernelModules",
        "ProtectKernelLogs", "ProtectControlGroups", "ProtectClock", "ProtectHostname", "LockPersonality", "RestrictRealtime",
        "MemoryDenyWriteExecute", "PrivateIPC", "PrivateMounts", "DynamicUser", "PrivateNetwork", "PrivateUsers",
    ];
    // The *Ex strings and PrivatePIDs exist from 257 on (the named values behind the booleans).
    private static readonly string[] Words = ["ProtectSystem", "ProtectHome", "DevicePolicy", "ProtectProc", "ProcSubset", "KeyringMode", "User",
        "ProtectControlGroupsEx", "PrivateTmpEx", "PrivateUsersEx", "PrivatePIDs"];
    private static readonly string[] Lists = ["NoExecPaths", "ExecPaths", "SystemCallArchitectures"];  // IPAddressDeny= is a(iayu): read below
    private static readonly string[] ExecLines = ["ExecStartPre", "ExecStart", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost"];

    public static CurrentHardening Current(UnitProperties p)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Flags)
            if (p.Bool(name) is { } b) values[name] = b ? "yes" : "no";
        foreach (var name in Words)
            if (p.String(name) is { Length: > 0 } s) values[name] = s;
        foreach (var name in Lists)
            if (p.Strings(name) is { Count: > 0 } list)
                values[name] = string.Join(' ', list);
        if (p.IpAddresses("IPAddressDeny") is { Count: > 0 } deny)
            values["IPAddressDeny"] = string.Join(' ', deny.Select(e => $"{new System.Net.IPAddress(e.Address)}/{e.PrefixLength}"));
        foreach (var name in new[] { "SystemCallFilter", "RestrictAddressFamilies" })
            if (p.Filter(name) is { Entries.Count: > 0 } filter)
                values[name] = (filter.AllowList ? "" : "~") + string.Join(' ', filter.Entries);
        if (p.UNumber("CapabilityBoundingSet") is { } caps && caps != ulong.MaxValue) values["CapabilityBoundingSet"] = caps.ToString("x");
        if (p.UNumber("RestrictNamespaces") is { } ns && ns != ulong.MaxValue) values["RestrictNamespaces"] = ns == 0 ? "yes" : ns.ToString("x");
        // Unset reads as a marker above every errno (2147483646 on 252, seen in the sandbox): a filtered call kills.
        if (p.Number("SystemCallErrorNumber") is { } errno && errno is > 0 and < 4096) values["SystemCallErrorNumber"] = errno.ToString();
        if (p.UNumber("UMask") is { } umask) values["UMask"] = "0" + Convert.ToString((long)umask, 8).PadLeft(3, '0');
        return new CurrentHardening(values);
    }

    /// <summary>The program path of every Exec*= line (a(sasbttttuii): element 0 of each entry).</summary>
    public static IReadOnlyList<string> Programs(UnitProperties p) =>
        ExecLines.SelectMany(name => p.Commands(name) ?? [])
            .Select(c => c.Path)
            .Distinct()
            .ToList();
}
