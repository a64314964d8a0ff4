namespace HardenTui.Core.Proposals;

/// <summary>
/// RestrictFileSystems= (systemd 250): an allow-list of the file system types the trace opened, stat'ed, executed or
/// mapped files on, each path placed on its mount through the service's own mount table, plus @basic-api (proc,
/// sysfs, cgroup, devtmpfs, devpts, mqueue: what systemd itself opens while it starts the service in its cgroup).
/// It is enforced only by the kernel's BPF LSM and a systemd built with BPF; where either is missing the setting has
/// no effect, and the proposal says so rather than pretending. systemd-analyze security does not score it (252–257).
/// </summary>
internal static class FileSystemTypeRules
{
    // `systemd-analyze filesystems` of 257.13 (Debian 13): the sets used here and every name systemd's parser knows.
    private static readonly string[] BasicApi = ["cgroup", "cgroup2", "devpts", "devtmpfs", "mqueue", "proc", "sysfs"];
    private static readonly string[] Anonymous = ["anon_inodefs", "pipefs", "sockfs"];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "apparmorfs", "adfs", "affs", "afs", "anon_inodefs", "autofs", "balloon-kvm", "bcachefs", "bdev", "binder", "binfmt_misc", "bpf",
        "btrfs", "btrfs_test_fs", "cpuset", "ceph", "cgroup2", "cgroup", "cifs", "coda", "configfs", "cramfs", "dax", "debugfs", "devmem",
        "devpts", "devtmpfs", "dmabuf", "ecryptfs", "efivarfs", "efs", "erofs", "ext2", "ext3", "ext4", "exfat", "f2fs", "fuseblk", "fuse",
        "fusectl", "gfs", "gfs2", "hostfs", "hpfs", "hugetlbfs", "iso9660", "jffs2", "minix", "mqueue", "msdos", "ncp", "ncpfs", "nfs",
        "nfs4", "nilfs2", "nsfs", "ntfs", "ntfs3", "ocfs2", "openpromfs", "orangefs", "overlay", "pidfs", "pipefs", "ppc-cmm", "proc",
        "pstore", "pvfs2", "qnx4", "qnx6", "ramfs", "resctrl", "reiserfs", "rpc_pipefs", "secretmem", "securityfs", "selinuxfs", "shiftfs",
        "smackfs", "smb3", "smbfs", "sockfs", "squashfs", "sysfs", "tmpfs", "tracefs", "udf", "usbdevfs", "vboxsf", "vfat", "v9fs", "xenfs",
        "xfs", "z3fold", "zonefs", "zsmalloc",
    };

    private static readonly string[] Kinds = ["pathRead", "pathWritten", "pathCreated", "executedFile", "interpreter", "execMappedFile"];

    public static Proposal? Restrict(RuleKit k)
    {
        if (k.Current.IsSet("RestrictFileSystems")) return null; // the unit's own list: repeated lines would merge with it
        var enforcement = k.Context?.FileSystemRestriction;
        var effect = enforcement switch
        {
            { Enforced: true } => $"enforced here: {enforcement.Why}",
            { Enforced: false } => $"NOT enforced here, systemd accepts the line and it has no effect: {enforcement.Why}",
            null => "whether this kernel enforces it (BPF LSM) was not checked",
        };
        if (k.Context?.Mounts is not { Mounts.Count: > 0 } mounts)
            return new Proposal("RestrictFileSystems", [new("RestrictFileSystems", "@basic-api", "")], false,
                "the file system of each traced path needs the service's mount table; propose where the unit runs", [effect]);

        var byType = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var blockers = new List<ObservedItem>();
        foreach (var item in Kinds.SelectMany(k.Seen.Of).DistinctBy(i => i.Key))
        {
            if (!item.Key.StartsWith('/'))
            {
                blockers.Add(item with { Evidence = $"a relative path the trace could not place on a file system: {item.Evidence}" });
                continue;
            }
            foreach (var type in TypesOf(item.Key, mounts))
            {
                if (!Known.Contains(type))
                {
                    blockers.Add(item with { Evidence = $"on {type}, a file system systemd's RestrictFileSystems= cannot name" });
                    continue;
                }
                if (!byType.TryGetValue(type, out var paths)) byType[type] = paths = [];
                paths.Add(item.Key);
            }
        }

        var named = byType.Keys.Where(t => !BasicApi.Contains(t)).ToList();
        if (Anonymous.All(named.Contains)) named = ["@anonymous", .. named.Except(Anonymous)];
        var value = string.Join(' ', ["@basic-api", .. named]);
        var why = $"files can be opened only on the file system types the trace used ({value}); {effect}";
        IReadOnlyList<string> basis =
        [
            $"built from {byType.Count} file system types seen in the trace (path → type, from the service's mount table):",
            .. byType.Select(t => $"  {t.Key}: {string.Join(", ", t.Value.Take(3))}{(t.Value.Count > 3 ? $" (+{t.Value.Count - 3} more)" : "")}"),
            "  @basic-api: what systemd opens itself while starting the service (/proc, /sys, cgroups, /dev)",
            "  devtmpfs (in @basic-api) has tmpfs's magic number: the private tmpfs mounts of PrivateTmp=, PrivateDevices= and ProtectHome= stay openable",
            effect,
            "systemd-analyze security does not score RestrictFileSystems= (no exposure change)",
        ];
        return k.Value("RestrictFileSystems", value, why, $"the trace used files it cannot place on a file system systemd can name; {effect}",
            blockers, false, basis);
    }

    /// <summary>
    /// The file system types opening this path reaches: its mount's, except for the /proc magic links (a namespace is
    /// on nsfs; an inherited descriptor re-opened through /proc/PID/fd or /dev/stdin can be a pipe or socket).
    /// </summary>
    private static IEnumerable<string> TypesOf(string path, MountTable mounts)
    {
        var mount = mounts.MountOf(path);
        if (mount is null) yield break;
        var type = mount.FileSystem.StartsWith("fuse.", StringComparison.Ordinal) ? "fuse" : mount.FileSystem;
        yield return type;
        var parts = path.Split('/');
        if (type == "proc" && parts.Length > 3 && parts[3] == "ns") yield return "nsfs";
        if ((type == "proc" && parts.Length > 3 && parts[3] == "fd") || path is "/dev/stdin" or "/dev/stdout" or "/dev/stderr" || RuleKit.IsUnder(path, "/dev/fd"))
            foreach (var a in Anonymous) yield return a;
    }
}
