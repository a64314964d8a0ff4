using HardenTui.Core.Overrides;

namespace HardenTui.Core.Proposals;

/// <summary>ProtectSystem/ProtectHome/PrivateTmp/PrivateDevices/DevicePolicy/ProtectProc/ProcSubset/NoExecPaths.</summary>
internal static class FileSystemRules
{
    private static readonly string[] Api = ["/dev", "/proc", "/sys"];
    private static readonly string[] Os = ["/usr", "/boot", "/efi", "/bin", "/sbin", "/lib", "/lib64"];
    private static readonly string[] Temp = ["/tmp", "/var/tmp"];
    private static readonly string[] Homes = ["/home", "/root", "/run/user"];

    // The pseudo devices a PrivateDevices= /dev still has (systemd.exec(5), PrivateDevices=, v252).
    private static readonly string[] PseudoDevices =
        ["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/ptmx", "/dev/pts",
         "/dev/shm", "/dev/mqueue", "/dev/hugepages", "/dev/log", "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/fd"];

    private static readonly string[] RawIo = ["ioperm", "iopl", "pciconfig_iobase", "pciconfig_read", "pciconfig_write"];

    public static IEnumerable<Proposal?> All(RuleKit k, IReadOnlyList<string> unitPrograms)
    {
        yield return ProtectSystem(k, unitPrograms);
        var homes = k.Paths().Where(p => RuleKit.IsUnderAny(p.Key, Homes)).ToList();
        // Only the home roots themselves, or files the service created there (a cache, a history): an empty tmpfs gives it
        // somewhere to put them, where yes would fail its writes and read-only its creates.
        var fresh = homes.Where(h => !Homes.Contains(h.Key)).ToList();
        if (homes.Count > 0 && fresh.Count > 0 && fresh.All(h => k.Seen.Has("pathCreated", h.Key)))
            yield return k.Value("ProtectHome", "tmpfs", "the service only created files in home directories; an empty tmpfs takes them, real homes stay hidden",
                "", [], k.Current.Rank("ProtectHome", "no", "read-only", "tmpfs", "yes") >= 2, ["created there, nothing read that existed before:", .. RuleKit.Lines(fresh)]);
        else yield return homes.Count > 0 && homes.All(h => k.Seen.Has("pathRead", h.Key) && !k.Seen.Has("pathWritten", h.Key))
            ? k.Value("ProtectHome", "read-only", "home directories were only read", "", [], k.Current.Rank("ProtectHome", "no", "read-only", "tmpfs", "yes") >= 1,
                ["only read, never written:", .. RuleKit.Lines(homes)])
            : k.Value("ProtectHome", "yes", "no home directory (/home, /root, /run/user) was touched", "home directories were used",
                homes, k.Current.Rank("ProtectHome", "no", "read-only", "tmpfs", "yes") >= 2);
        yield return k.Flag("PrivateTmp", "no file that existed before in /tmp or /var/tmp was used",
            "the service used files in /tmp or /var/tmp that it did not create",
            k.Paths().Where(p => RuleKit.IsUnderAny(p.Key, Temp) && !Temp.Contains(p.Key) && !k.Seen.Has("pathCreated", p.Key)));
        var devices = k.Paths().Where(p => RuleKit.IsUnder(p.Key, "/dev") && p.Key != "/dev" && !RuleKit.IsUnderAny(p.Key, PseudoDevices))
            .Concat(k.Seen.Where("syscall", RawIo.Contains)).Concat(k.Seen.Where("capability", c => c == "CAP_MKNOD")).ToList();
        yield return k.Flag("PrivateDevices", "only pseudo devices (/dev/null, /dev/urandom, …) were used", "the service used real devices", devices);
        yield return k.Value("DevicePolicy", "closed", "only pseudo devices were used", "the service used real devices", devices,
            k.Current["DevicePolicy"] is "closed" or "strict");
        var pids = k.Paths().Where(p => p.Key.StartsWith("/proc/", StringComparison.Ordinal) && p.Key.Length > 6 && char.IsAsciiDigit(p.Key[6])).ToList();
        yield return k.Value("ProtectProc", "invisible", "no other process's /proc/PID was looked at", "the service read /proc/PID entries",
            pids, k.Current.Rank("ProtectProc", "default", "ptraceable", "invisible", "noaccess") >= 2);
        yield return k.Value("ProcSubset", "pid", "only /proc/PID entries were read", "the service read system-wide /proc files",
            k.Paths().Where(p => RuleKit.IsUnder(p.Key, "/proc") && p.Key is not "/proc" and not "/proc/self" and not "/proc/thread-self"
                && p.Key.Length > 6 && !char.IsAsciiDigit(p.Key[6]) && !p.Key.StartsWith("/proc/self/", StringComparison.Ordinal)
                && !p.Key.StartsWith("/proc/thread-self/", StringComparison.Ordinal)),
            k.Current["ProcSubset"] == "pid");
        yield return NoExecPaths(k, unitPrograms);
    }

    /// <summary>
    /// A path that must not reach ExecPaths= or ReadWritePaths=: a login shell's start-up file or anything in a home
    /// directory, unless one of the unit's own programs lives in that home. Such a path in a trace means a login (or
    /// a user's job) ran while tracing; listing it would open the home for good and still not be the service's need.
    /// </summary>
    internal static bool IsForeign(string path, IReadOnlyList<string> unitPrograms) =>
        SessionService.IsShellStartup(path)
        || (RuleKit.IsUnderAny(path, Homes) && !unitPrograms.Any(p => HomeOf(p) is { } home && RuleKit.IsUnder(path, home)));

    /// <summary>/home/alice for /home/alice/bin/app, /root for /root/x; null outside the homes.</summary>
    private static string? HomeOf(string path)
    {
        var top = Homes.FirstOrDefault(h => RuleKit.IsUnder(path, h) && path != h);
        if (top is null) return null;
        if (top == "/root") return "/root";
        var rest = path[(top.Length + 1)..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? null : top + "/" + rest[..slash];
    }

    private static Proposal? ProtectSystem(RuleKit k, IReadOnlyList<string> unitPrograms)
    {
        var writes = k.Writes().Where(w => !RuleKit.IsUnderAny(w.Key, Api)).ToList();
        var rank = k.Current.Rank("ProtectSystem", "no", "yes", "full", "strict");
        var foreign = writes.Where(w => IsForeign(w.Key, unitPrograms)).ToList();
        writes = writes.Except(foreign).ToList();
        var os = writes.Where(w => RuleKit.IsUnderAny(w.Key, Os)).ToList();
        if (os.Count > 0) return k.Value("ProtectSystem", "yes", "", "the service wrote under /usr, /boot or /lib", os, rank >= 1);
        // A relative path means the trace lost the working directory (a chdir before it began): where it went is
        // unknown, so only /usr and /boot are certain enough to close.
        var unresolved = writes.Where(w => !w.Key.StartsWith('/')).ToList();
        if (unresolved.Count > 0)
            return k.Value("ProtectSystem", "yes", "some writes used relative paths the trace could not place; /etc and the rest stay writable",
                "", [], rank >= 1);
        var etc = writes.Where(w => RuleKit.IsUnder(w.Key, "/etc")).ToList();
        if (etc.Count > 0)
            return k.Value("ProtectSystem", "yes", "/usr and /boot were not written; /etc was, so it stays writable", "", [], rank >= 1,
                ["written under /etc (so not strict or full):", .. RuleKit.Lines(etc)]);
        if (foreign.Count > 0)
            return k.Value("ProtectSystem", "full", "/usr, /boot and /etc were not written; strict would need the home directories below writable, and they are not the service's",
                "", [], rank >= 2, ["written in a home directory or a shell's start-up (not the service's own, so not listed):", .. RuleKit.Lines(foreign)]);
        var dirs = Collapse(writes.Where(w => !(RuleKit.IsUnderAny(w.Key, Temp) && k.Seen.Has("pathCreated", w.Key)))
            .Select(w => Path.GetDirectoryName(w.Key) ?? "/").Where(d => d != "/"));
        var written = dirs;
        var (rest, ownLines, ownWhy) = IdiomRules.OwnDirectories(dirs, k.Context);
        dirs = rest;
        var why = written.Count == 0 ? "nothing outside /dev, /proc, /sys and a private /tmp was written"
            : $"only {string.Join(", ", written)} {(written.Count == 1 ? "was" : "were")} written; they stay writable";
        DropInDirective[] rw = dirs.Count == 0 ? [] : [new DropInDirective("ReadWritePaths", string.Join(' ', dirs.Select(d => "-" + d)), "written during the trace")];
        IReadOnlyList<string> basis = written.Count == 0 ? [RuleKit.NothingNeedsIt] : RuleKit.BuiltFrom("written directories", written);
        if (ownWhy.Count > 0) basis = [.. basis, "the service's own, as exec directories (owner kept):", .. ownWhy.Select(w => "  " + w)];
        return k.Value("ProtectSystem", "strict", why, "", [], rank >= 3, basis, [.. rw, .. ownLines]);
    }

    private static Proposal? NoExecPaths(RuleKit k, IReadOnlyList<string> unitPrograms)
    {
        if (k.Current.IsSet("NoExecPaths") || k.Current.IsSet("ExecPaths")) return null;
        var programs = k.Seen.Of("executedFile").Concat(k.Seen.Of("interpreter")).Select(i => i.Key).Concat(unitPrograms);
        var libraries = k.Seen.Of("execMappedFile").Select(i => Path.GetDirectoryName(i.Key) ?? "/").Where(d => d != "/");
        var allowed = Collapse(programs.Concat(libraries));
        var blockers = k.Seen.Traced && !k.Seen.Any("executedFile")
            ? [new ObservedItem("no execve", 0, "the trace did not see the service's program start")] : new List<ObservedItem>();
        // A login shell or a program from a home ran during the trace: what it executed is a user's, not the service's.
        blockers.AddRange(SessionService.LoginShellReads(k.Seen).Take(1)
            .Concat(k.Seen.Of("executedFile").Concat(k.Seen.Of("execMappedFile")).Where(i => IsForeign(i.Key, unitPrograms))));
        return k.Value("NoExecPaths", "/", "nothing outside the programs, loader and library directories below was executed or mapped executable",
            blockers.Any(b => b.Key != "no execve")
                ? "a login shell or a program in a home directory ran during the trace; its programs are not the service's to list"
                : "cannot list what the service executes", blockers, false, RuleKit.BuiltFrom("paths executed or mapped executable", allowed),
            new DropInDirective("ExecPaths", string.Join(' ', allowed.Select(p => "-" + p)), "executed or mapped PROT_EXEC during the trace (programs, ELF loader, library directories)"));
    }

    /// <summary>Sorted, without paths that lie under another path of the set.</summary>
    internal static List<string> Collapse(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (var p in paths.Distinct().Order(StringComparer.Ordinal))
            if (!result.Any(r => RuleKit.IsUnder(p, r))) result.Add(p);
        return result;
    }
}
