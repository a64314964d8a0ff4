namespace HardenTui.Core.Proposals;

/// <summary>The yes/no kernel- and process-facing directives, each refuted by what would need the blocked feature.</summary>
internal static class KernelRules
{
    // Syscall groups from systemd's seccomp-util.c (v252): @module, @clock, @ipc (SysV and POSIX IPC).
    private static readonly string[] Module = ["delete_module", "finit_module", "init_module"];
    private static readonly string[] Clock = ["adjtimex", "clock_adjtime", "clock_adjtime64", "clock_settime", "clock_settime64", "settimeofday", "stime"];
    private static readonly string[] Ipc = ["ipc", "memfd_create", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedsend",
        "mq_unlink", "msgctl", "msgget", "msgrcv", "msgsnd", "semctl", "semget", "semop", "semtimedop", "shmat", "shmctl", "shmdt", "shmget"];
    private static readonly string[] Tunables = ["/proc/sys", "/proc/sysrq-trigger", "/proc/acpi", "/proc/bus", "/proc/fs", "/proc/irq", "/sys"];

    public static IEnumerable<Proposal?> All(RuleKit k)
    {
        var s = k.Seen;
        yield return k.Flag("NoNewPrivileges", "no setuid/setgid or file-capability program was executed",
            "a setuid/setgid or file-capability program was executed", s.Of("privilegedExecutable"));
        yield return k.Flag("RestrictSUIDSGID", "no setuid/setgid file was created", "the service set setuid/setgid bits", s.Of("setuidCreated"));
        yield return k.Flag("ProtectKernelTunables", "/proc/sys and /sys were not written", "the service wrote kernel tunables",
            k.Writes().Where(w => RuleKit.IsUnderAny(w.Key, Tunables)));
        yield return k.Flag("ProtectKernelModules", "no kernel module was loaded or read", "the service used kernel modules",
            k.Paths().Where(p => RuleKit.IsUnderAny(p.Key, "/lib/modules", "/usr/lib/modules")).Concat(s.Where("syscall", Module.Contains)));
        yield return k.Flag("ProtectKernelLogs", "the kernel log was not read", "the service used the kernel log",
            k.Paths().Where(p => p.Key is "/dev/kmsg" or "/proc/kmsg").Concat(s.Where("syscall", c => c == "syslog")));
        yield return k.Flag("ProtectControlGroups", "no cgroup file was written", "the service wrote to /sys/fs/cgroup",
            k.Writes().Where(w => RuleKit.IsUnder(w.Key, "/sys/fs/cgroup")));
        yield return k.Flag("ProtectClock", "the clock was not set", "the service set the clock",
            s.Of("clock").Concat(s.Where("syscall", Clock.Contains)));
        yield return k.Flag("ProtectHostname", "the host name was not changed", "the service changed the host name", s.Of("hostname"));
        yield return k.Flag("LockPersonality", "personality() was not called", "the service changed its execution domain", s.Of("personality"));
        yield return k.Flag("RestrictRealtime", "no realtime scheduling was asked for", "the service asked for realtime scheduling", s.Of("realtime"));
        yield return k.Flag("MemoryDenyWriteExecute", "no writable+executable memory was mapped", "the service maps W+X memory (a JIT or trampolines)",
            s.Of("writeExecute"));
        yield return k.Flag("PrivateIPC", "no System V or POSIX IPC object was used", "the service uses IPC objects",
            s.Where("syscall", Ipc.Contains).Where(c => c.Key != "memfd_create"));
        yield return k.Flag("PrivateMounts", "nothing was mounted", "the service mounts file systems", s.Of("mount"));
        var namespaces = s.Of("namespace").ToList();
        yield return namespaces.Count == 0
            ? k.Flag("RestrictNamespaces", "no namespace was created or joined", "", [])
            : k.Value("RestrictNamespaces", string.Join(' ', namespaces.Select(n => Namespace(n.Key)).Distinct()),
                "only the namespace types the service created stay allowed", "", [], k.Current.IsSet("RestrictNamespaces"),
                RuleKit.BuiltFrom("namespace types", namespaces.Select(RuleKit.Line).ToList()));
        yield return k.Value("KeyringMode", "private", "no kernel keyring was shared", "the service uses the kernel keyring", s.Of("keyring"),
            k.Current["KeyringMode"] is null or "private");
        yield return UMask(k);
    }

    private static Proposal? UMask(RuleKit k)
    {
        var current = k.Current["UMask"] is { } text ? Convert.ToInt32(text, 8) : 0x12; // 0022
        var proposed = current | Convert.ToInt32("0027", 8);
        return k.Value("UMask", "0" + Convert.ToString(proposed, 8).PadLeft(3, '0'), "files the service creates are not world-readable",
            "", [], proposed == current, RuleKit.NotFromTrace("the umask only narrows who may read new files"));
    }

    /// <summary>CLONE_NEWNET → net, as RestrictNamespaces= spells them (systemd.exec(5)).</summary>
    private static string Namespace(string flag) => flag switch
    {
        "CLONE_NEWCGROUP" => "cgroup",
        "CLONE_NEWIPC" => "ipc",
        "CLONE_NEWNET" => "net",
        "CLONE_NEWNS" => "mnt",
        "CLONE_NEWPID" => "pid",
        "CLONE_NEWUSER" => "user",
        "CLONE_NEWUTS" => "uts",
        _ => flag.ToLowerInvariant(),
    };
}
