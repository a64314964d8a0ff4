// For learners, next to each directive: what it does in one line (our catalog), the running systemd's own words
// (the installed manual, else the catalog), and what changes — what a shell in the sandbox (`hardentui shell`)
// shows with it, value by value.
namespace HardenTui.Core.Directives;

public sealed record DirectiveText(string Name, string OneLine, string Words, string WordsFrom, string? WhatChanges);

public static class DirectiveTexts
{
    public static DirectiveText For(string name, string value, ManualWords? manual)
    {
        var key = name.TrimEnd('=');
        var d = DirectiveCatalog.Load().Find(key);
        var oneLine = d?.Explanation ?? "";
        var entry = manual?.Find(key);
        return entry is not null
            ? new DirectiveText(key, oneLine, entry.Text, $"{entry.Page}(5) as installed", WhatChanges(key, value))
            : new DirectiveText(key, oneLine, oneLine, "HardenTui's catalog (no manual installed)", WhatChanges(key, value));
    }

    /// <summary>
    /// What a process under the directive sees that it did not before, in the terms a shell shows it (a command
    /// and its error); null when the value turns it off or there is nothing to see.
    /// </summary>
    public static string? WhatChanges(string name, string value)
    {
        var v = value.Trim();
        var off = v is "no" or "false" or "off" or "0" or "";
        var list = v.Length == 0 ? "(none)" : v;
        return name switch
        {
            "NoExecPaths" when !off => $"nothing under {list} runs unless ExecPaths= lists it: `ls`: Permission denied (exit 126)",
            "ExecPaths" => $"may still run programs and map libraries from {list}",
            "SystemCallFilter" => v.StartsWith('~')
                ? $"the calls of {v[1..]} are refused: SIGSYS kills the process, or SystemCallErrorNumber= is returned"
                : $"only the calls of {list} are allowed; any other kills the process (SIGSYS) or fails with SystemCallErrorNumber=",
            "SystemCallErrorNumber" => $"a filtered call fails with {list} instead of killing the process",
            "SystemCallArchitectures" => $"system calls through ABIs other than {list} (32-bit i386/x32) are refused",
            "SystemCallLog" => $"the calls of {list} are written to the audit log; nothing is refused",
            "MemoryDenyWriteExecute" when !off => "memory both writable and executable is refused: JIT compilers (.NET, Java, Node, PCRE JIT) fail",
            "LockPersonality" when !off => "personality(2) is locked: `setarch i386 true` fails",
            "RestrictRealtime" when !off => "no realtime scheduling: `chrt -f 1 true`: Operation not permitted",
            "RestrictSUIDSGID" when !off => "no set-user/group-ID files: `chmod u+s FILE`: Operation not permitted",
            "CapabilityBoundingSet" => v.Length == 0 || v == "~"
                ? "no capability, even as root: `ping` (raw sockets), `chown` of others' files, ports below 1024 fail"
                : v.StartsWith('~') ? $"{v[1..]} are gone for good, even for root" : $"only {list} remain possible, even for root",
            "AmbientCapabilities" => v.Length == 0 ? "no capability is passed to a non-root user" : $"a non-root User= keeps {list}",
            "NoNewPrivileges" when !off => "set-user-ID programs and file capabilities give nothing: `su`, `sudo` fail",
            "SecureBits" => $"capability rules changed: {list}",
            "KeyringMode" => v == "private" ? "a kernel keyring of its own, shared with no other service" : $"kernel keyring: {list}",
            "ProtectKernelTunables" when !off => "/proc/sys, /sys and friends read-only: `sysctl -w`: Read-only file system",
            "ProtectKernelModules" when !off => "no module loading: `modprobe` fails; /usr/lib/modules hidden",
            "ProtectKernelLogs" when !off => "the kernel log is closed: `dmesg`: Operation not permitted",
            "ProtectClock" when !off => "the clock cannot be set: `date -s ...`: Operation not permitted",
            "ProtectHostname" => v == "private" ? "a hostname of its own: `hostname x` changes it only in there"
                : off ? null : "the hostname cannot be changed for the system: `hostname x` fails",
            "ProtectControlGroups" => v switch
            {
                "private" => "a cgroup namespace of its own: /sys/fs/cgroup shows only its own subtree",
                "strict" => "a cgroup namespace of its own, read-only: no cgroup file can be written",
                _ when off => null,
                _ => "/sys/fs/cgroup read-only",
            },
            "PrivatePIDs" when !off => "a PID namespace of its own: `ps ax` shows only its processes, the first is PID 1",
            "RestrictNamespaces" => v is "yes" or "true" ? "no new namespaces: `unshare -n true`: Operation not permitted"
                : off ? null : $"namespaces other than {list} cannot be created",
            "DevicePolicy" => v switch
            {
                "closed" => "only /dev/null, zero, full, random, urandom, tty and friends can be opened; disks cannot",
                "strict" => "only the devices DeviceAllow= lists can be opened",
                _ => null,
            },
            "DeviceAllow" => $"these devices may be opened: {list}",
            "NotifyAccess" => $"sd_notify status accepted from: {list}",
            "Delegate" => off ? "systemd keeps the cgroup tree; the service cannot manage sub-cgroups" : "the service manages its own cgroup subtree",
            "ProtectSystem" => v switch
            {
                "strict" => "the whole file system read-only except /dev, /proc, /sys and ReadWritePaths=: `touch /etc/x`: Read-only file system",
                "full" => "/usr, /boot, /efi and /etc read-only",
                "yes" or "true" => "/usr, /boot, /efi read-only",
                _ => null,
            },
            "ProtectHome" => v switch
            {
                "yes" or "true" => "/home, /root, /run/user empty and inaccessible: `ls /home` shows nothing",
                "read-only" => "/home, /root, /run/user read-only",
                "tmpfs" => "/home, /root, /run/user empty (a tmpfs; what is written there vanishes)",
                _ => null,
            },
            "PrivateTmp" => v == "disconnected" ? "a /tmp and /var/tmp of its own on a tmpfs, not tied to the host's /tmp"
                : off ? null : "a /tmp and /var/tmp of its own, empty at start, gone when it stops",
            "PrivateDevices" when !off => "/dev holds only pseudo devices (null, zero, random, tty...): no disks, no /dev/mem",
            "PrivateMounts" when !off => "mounts it makes stay in its own namespace",
            "ReadWritePaths" => $"writable even under ProtectSystem=strict: {list}",
            "ReadOnlyPaths" => $"read-only: {list}",
            "InaccessiblePaths" => $"cannot be seen into or entered: {list}",
            "TemporaryFileSystem" => $"an empty tmpfs over {list}",
            "BindPaths" => $"mounted into its view: {list}",
            "BindReadOnlyPaths" => $"mounted read-only into its view: {list}",
            "RootDirectory" or "RootImage" => $"/ is {list}",
            "ProtectProc" => v switch
            {
                "invisible" => "/proc shows only its own processes: `ps ax` lists no others",
                "noaccess" => "other processes' /proc entries cannot be read",
                "ptraceable" => "/proc shows only processes it could trace",
                _ => null,
            },
            "ProcSubset" => v == "pid" ? "/proc holds only process directories: /proc/cpuinfo, /proc/sys are gone" : null,
            "MountAPIVFS" when !off => "a /proc, /sys and /dev of its own",
            "PrivateNetwork" when !off => "only a loopback device: `ping 1.1.1.1`: Network is unreachable",
            "RestrictAddressFamilies" => v == "none" ? "no socket of any family can be created" : v.StartsWith('~') ? $"sockets of {v[1..]} cannot be created (Address family not supported)"
                : off ? null : $"only sockets of {list} can be created; others fail (Address family not supported)",
            "IPAddressDeny" => $"packets from and to {list} are dropped unless IPAddressAllow= lets them: `curl` elsewhere times out",
            "IPAddressAllow" => $"may exchange packets with {list}",
            "IPIngressFilterPath" or "IPEgressFilterPath" => $"its packets pass the BPF programs {list}",
            "SocketBindDeny" => $"bind(2) to {list} fails unless SocketBindAllow= lets it",
            "SocketBindAllow" => $"may bind {list}",
            "RestrictFileSystems" => v.StartsWith('~') ? $"files on {v[1..]} cannot be opened"
                : $"only files on {list} can be opened; others fail (Operation not permitted)",
            "RestrictNetworkInterfaces" => $"its traffic only on {list}",
            "PrivateIPC" when !off => "SysV IPC and POSIX message queues of its own",
            "User" => $"runs as {list}: files only root or others may read are closed (`cat /proc/1/environ`: Permission denied)",
            "Group" => $"runs with group {list}",
            "DynamicUser" when !off => "a throw-away user: the file system read-only except its StateDirectory=, RuntimeDirectory= and friends",
            "SupplementaryGroups" => $"also a member of {list}",
            "PrivateUsers" => v switch
            {
                "self" => "a user namespace mapping only its own user: everyone else shows as nobody",
                "identity" => "a user namespace mapping the first 65536 users to themselves, without capabilities outside",
                "full" => "a user namespace mapping all users, without capabilities outside it",
                _ when off => null,
                _ => "root inside is not root outside: other users show as nobody",
            },
            "RemoveIPC" when !off => "its IPC objects are removed when it stops",
            "UMask" => $"new files get mode {Mode(v)}",
            "StateDirectory" => $"/var/lib/{list} is created for it, owned by its user, and writable under ProtectSystem=strict",
            "CacheDirectory" => $"/var/cache/{list} is created for it, owned by its user, and writable under ProtectSystem=strict",
            "LogsDirectory" => $"/var/log/{list} is created for it, owned by its user, and writable under ProtectSystem=strict",
            "RuntimeDirectory" => $"/run/{list} is created for it, owned by its user, writable, and removed when it stops",
            "StateDirectoryMode" or "CacheDirectoryMode" or "LogsDirectoryMode" or "RuntimeDirectoryMode" => $"its directories get mode {list}",
            "LoadCredential" => $"the credential {list} appears, readable only to it, in $CREDENTIALS_DIRECTORY",
            "BindLogSockets" when !off => "the journal's sockets are bound into its view (logging works with RootDirectory=)",
            "MemoryKSM" when !off => "its memory may be merged with identical pages of others (KSM)",
            "RootEphemeral" when !off => "its root is a throw-away copy: writes vanish when it stops",
            "RootImagePolicy" or "MountImagePolicy" or "ExtensionImagePolicy" => $"disk images must satisfy: {list}",
            "DelegateSubgroup" => $"its processes go into the delegated subgroup {list}",
            "ImportCredential" => $"system credentials matching {list} appear in $CREDENTIALS_DIRECTORY",
            "SetLoginEnvironment" when !off => "$HOME, $USER, $SHELL are set as for a login",
            "CoredumpReceive" when !off => "core dumps of a container inside are passed up to it",
            "PrivateBPF" when !off => "a BPF file system of its own: no access to the host's pinned BPF objects",
            _ => null,
        };
    }

    private static string Mode(string umask) =>
        int.TryParse(umask, System.Globalization.NumberStyles.None, null, out _) && umask.All(c => c is >= '0' and <= '7')
            ? Convert.ToString(0x1B6 & ~Convert.ToInt32(umask, 8), 8).PadLeft(4, '0') + " (from umask " + umask + ")"
            : "under umask " + umask;
}
