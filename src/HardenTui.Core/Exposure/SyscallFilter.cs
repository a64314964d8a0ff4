// SystemCallFilter= as systemd 252 builds it: the first non-empty assignment picks allow-list (and adds
// @default) or deny-list (~); later words add or remove names, @groups expand recursively, "name:ERRNO" keeps an
// errno (src/core/load-fragment.c config_parse_syscall_filter, src/shared/seccomp-util.c seccomp_parse_syscall_filter).
namespace HardenTui.Core.Exposure;

internal static class SyscallFilter
{
    public const int NoErrno = -1;

    public static void Apply(SecurityInfo info, string value)
    {
        if (value.Length == 0)
        {
            info.SystemCallFilter.Clear();
            info.SystemCallFilterAllowList = false;
            return;
        }
        var invert = value.StartsWith('~');
        if (info.SystemCallFilter.Count == 0 && !info.SystemCallFilterAllowList)
        {
            info.SystemCallFilterAllowList = !invert;
            if (!invert)
                Add(info, "@default", NoErrno, invert: false);
        }
        foreach (var word in SecuritySettings.Words(invert ? value[1..] : value))
        {
            var colon = word.IndexOf(':');
            var name = colon < 0 ? word : word[..colon];
            var errno = colon < 0 ? NoErrno : 1;
            Add(info, name, errno, invert);
        }
    }

    private static void Add(SecurityInfo info, string name, int errno, bool invert)
    {
        if (name.StartsWith('@'))
        {
            if (!info.Groups.IsGroup(name))
                return;
            foreach (var member in info.Groups.DirectMembers(name))
                Add(info, member, errno, invert);
            return;
        }
        var allowList = info.SystemCallFilterAllowList;
        if (!invert == allowList || (invert && allowList && errno >= 0))
            info.SystemCallFilter[name] = errno;
        else
            info.SystemCallFilter.Remove(name);
    }
}
