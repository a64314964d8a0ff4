// The SystemCallFilter=~@group rows (analyze-security.c assess_system_call_filter, 252): walk the group's
// members in systemd's order, skipping names its libseccomp cannot resolve on this architecture; the first member whose
// presence in the filter equals the allow-list flag is the offender.
using HardenTui.Core.Syscalls;

namespace HardenTui.Core.Exposure;

internal static class SyscallFilterRow
{
    public static Assessment Assess(SecurityInfo info, string group)
    {
        var allowList = info.SystemCallFilterAllowList;
        if (!allowList && info.SystemCallFilter.Count == 0)
            return new(10, "Service does not filter system calls");
        string? offender = null;
        foreach (var name in info.Groups.Members(group))
        {
            if (!SyscallTable.X8664.Resolves(name, info.SystemdVersion))
                continue;
            var listed = info.SystemCallFilter.TryGetValue(name, out var errno) && (!allowList || errno < 0);
            if (listed == allowList)
            {
                offender = name;
                break;
            }
        }
        return (allowList, offender) switch
        {
            (true, not null) => new(9, $"System call allow list defined for service, and {group} is included (e.g. {offender} is allowed)"),
            (true, null) => new(0, $"System call allow list defined for service, and {group} is not included"),
            (false, not null) => new(10, $"System call deny list defined for service, and {group} is not included (e.g. {offender} is allowed)"),
            (false, null) => new(0, $"System call deny list defined for service, and {group} is included"),
        };
    }
}
