using System.IO.Compression;
using System.Text;
using HardenTui.Core.Findings;
using HardenTui.Core.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Findings;

public class FindingsBuilderTests
{
    private static string Log(string name) => Path.Combine(AppContext.BaseDirectory, "Tracing", "logs", name);

    private static HardenTui.Core.Findings.Findings FromFile(string name, Func<string, string?>? interpreterOf = null)
    {
        using var stream = File.OpenRead(Log(name));
        return StraceLog.Feed(stream, new FindingsBuilder(interpreterOf: interpreterOf)).Snapshot();
    }

    private static HardenTui.Core.Findings.Findings FromLines(params string[] lines)
    {
        var builder = new FindingsBuilder();
        foreach (var line in lines) builder.Accept(Encoding.UTF8.GetBytes(line));
        return builder.Snapshot();
    }

    private static IEnumerable<string> Keys(HardenTui.Core.Findings.Findings f, FindingKind kind) => f[kind].Select(i => i.Key);

    [Fact]
    public void Nginx_start_in_the_sandbox_shows_what_hardening_needs()
    {
        var f = FromFile("nginx-start.log", exe => exe == "/usr/sbin/nginx" ? "/lib64/ld-linux-x86-64.so.2" : null);
        Keys(f, FindingKind.ExecutedFile).ShouldBe(["/usr/sbin/nginx"]);
        Keys(f, FindingKind.Interpreter).ShouldBe(["/lib64/ld-linux-x86-64.so.2"]);
        Keys(f, FindingKind.ExecMappedFile).ShouldContain("/lib/x86_64-linux-gnu/libc.so.6");
        Keys(f, FindingKind.BoundAddress).ShouldBe(["AF_INET 0.0.0.0:80", "AF_INET6 [::]:80"]);
        Keys(f, FindingKind.Capability).ShouldContain("CAP_NET_BIND_SERVICE");
        Keys(f, FindingKind.Capability).ShouldContain("CAP_SETUID");
        Keys(f, FindingKind.Capability).ShouldContain("CAP_SETGID");
        Keys(f, FindingKind.SocketFamily).ShouldBe(["AF_INET", "AF_INET6", "AF_UNIX"], ignoreOrder: true);
        Keys(f, FindingKind.PathWritten).ShouldContain("/var/log/nginx/error.log");
        Keys(f, FindingKind.PathWritten).ShouldContain("/run/nginx.pid");
        Keys(f, FindingKind.PathCreated).ShouldContain("/run/nginx.pid");
        Keys(f, FindingKind.PathRead).ShouldContain("/etc/nginx/nginx.conf");
        f.Find(FindingKind.Capability, "CAP_NET_BIND_SERVICE")!.Evidence[0].ShouldContain("htons(80)");
        f.Stats.GarbageLines.ShouldBe(0);
    }

    [Fact]
    public void Histogram_matches_the_seed_pipeline_on_a_real_nginx_load_log()
    {
        using var gz = new GZipStream(File.OpenRead(Log("nginx-load.log.gz")), CompressionMode.Decompress);
        var ours = StraceLog.Feed(gz, new FindingsBuilder()).Snapshot().SyscallHistogram();
        var seed = File.ReadAllLines(Log("nginx-load.seed-pipeline.txt"))
            .Select(l => l.Trim().Split(' ', 2)).ToDictionary(p => p[1], p => long.Parse(p[0]));
        ours.OrderBy(p => p.Key, StringComparer.Ordinal).ShouldBe(seed.OrderBy(p => p.Key, StringComparer.Ordinal));
        ours["newfstatat"].ShouldBeGreaterThan(200_000); // nginx stats the file on every request
    }

    [Fact]
    public void Memory_stays_flat_as_the_log_grows()
    {
        using var gz = new GZipStream(File.OpenRead(Log("nginx-load.log.gz")), CompressionMode.Decompress);
        var log = new MemoryStream();
        gz.CopyTo(log);
        var builder = new FindingsBuilder();
        StraceLog.Feed(new MemoryStream(log.GetBuffer(), 0, (int)log.Length), builder); // first pass: keys and samples
        var before = GC.GetAllocatedBytesForCurrentThread();
        StraceLog.Feed(new MemoryStream(log.GetBuffer(), 0, (int)log.Length), builder); // the log again: 64 MB more
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.ShouldBeLessThan(256 * 1024, "a longer log must not cost more memory (only the line reader's buffer)");
        builder.Snapshot().SyscallHistogram()["newfstatat"].ShouldBeGreaterThan(400_000);
    }

    [Fact]
    public void Unfinished_calls_are_counted_once_and_read_whole_when_resumed()
    {
        var f = FromLines(
            "5738  22:28:59.406273 execve(\"/usr/bin/ls\", [...], 0x561cbc21deb8 /* 47 vars */ <unfinished ...>",
            "5734  22:28:59.406532 <... vfork resumed>) = 5738",
            "5738  22:28:59.407653 <... execve resumed>) = 0");
        f.SyscallHistogram()["execve"].ShouldBe(1);
        f.SyscallHistogram().ContainsKey("vfork").ShouldBeFalse();
        var exec = f.Find(FindingKind.ExecutedFile, "/usr/bin/ls")!;
        exec.Evidence[0].ShouldContain("<unfinished ...>");
        exec.Evidence[0].ShouldContain("<... execve resumed>) = 0");
    }

    [Fact]
    public void Exec_mapped_files_follow_the_fd_across_a_fork_sharing_files()
    {
        var f = FromLines(
            "10 clone(child_stack=NULL, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_THREAD, child_tidptr=0x1) = 11",
            "11 openat(AT_FDCWD, \"/usr/lib/plugin.so\", O_RDONLY|O_CLOEXEC) = 5",
            "10 mmap(0x7f00, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED, 5, 0x1000) = 0x7f00",
            "10 mmap(NULL, 4096, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f10",
            "10 mprotect(0x7f10, 4096, PROT_READ|PROT_EXEC) = 0",
            "10 mmap(0x7f20, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE, 6</usr/lib/decorated.so>, 0) = 0x7f20");
        Keys(f, FindingKind.ExecMappedFile).ShouldBe(["/usr/lib/decorated.so", "/usr/lib/plugin.so"]);
        Keys(f, FindingKind.WriteExecute).ShouldBe(["mmap PROT_WRITE|PROT_EXEC", "mprotect PROT_EXEC"]);
    }

    [Fact]
    public void A_path_named_again_counts_in_the_list_its_access_says_each_time()
    {
        var f = FromLines(
            "1 openat(AT_FDCWD, \"/var/lib/x\", O_RDONLY) = 3",
            "1 openat(AT_FDCWD, \"/var/lib/x\", O_WRONLY|O_CREAT, 0600) = 4",
            "1 openat(AT_FDCWD, \"/var/lib/x\", O_RDONLY) = 5",
            "1 newfstatat(AT_FDCWD, \"/var/lib/./x\", {st_mode=S_IFREG|0644, st_size=1, ...}, 0) = 0",
            "1 openat(AT_FDCWD, \"/var/lib/\\x79\", O_RDONLY) = 6",
            "1 openat(AT_FDCWD, \"/var/lib/\\x79\", O_RDWR) = 7",
            "1 mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE, 4, 0) = 0x7f10",
            "1 mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE, 7, 0) = 0x7f20");
        f.Find(FindingKind.PathRead, "/var/lib/x")!.Count.ShouldBe(3);
        f.Find(FindingKind.PathWritten, "/var/lib/x")!.Count.ShouldBe(1);
        f.Find(FindingKind.PathCreated, "/var/lib/x")!.Count.ShouldBe(1);
        f.Find(FindingKind.PathRead, "/var/lib/y")!.Count.ShouldBe(1);
        f.Find(FindingKind.PathWritten, "/var/lib/y")!.Count.ShouldBe(1);
        f.Find(FindingKind.PathRead, "/var/lib/x")!.Evidence[1].ShouldContain("= 5");
        Keys(f, FindingKind.ExecMappedFile).ShouldBe(["/var/lib/x", "/var/lib/y"]);
    }

    [Fact]
    public void Relative_paths_resolve_against_chdir_and_dirfd()
    {
        var f = FromLines(
            "chdir(\"/var/lib/app\") = 0",
            "openat(AT_FDCWD, \"data/../state.db\", O_RDWR|O_CREAT, 0600) = 3",
            "openat(AT_FDCWD, \"/etc/app\", O_RDONLY|O_DIRECTORY) = 4",
            "newfstatat(4, \"conf.d//x.conf\", {st_mode=S_IFREG|0644, st_size=1, ...}, 0) = 0",
            "unlinkat(AT_FDCWD</tmp>, \"old\", 0) = 0",
            "mkdir(\"/var/cache/app\", 0755) = 0",
            "rename(\"/var/lib/app/a.tmp\", \"/var/lib/app/a\") = 0",
            "openat(AT_FDCWD, \"/nope\", O_RDONLY) = -1 ENOENT (No such file or directory)");
        Keys(f, FindingKind.PathWritten).ShouldBe(["/tmp/old", "/var/lib/app/a.tmp", "/var/lib/app/state.db"]);
        Keys(f, FindingKind.PathCreated).ShouldBe(["/var/cache/app", "/var/lib/app/a", "/var/lib/app/state.db"]);
        Keys(f, FindingKind.PathRead).ShouldBe(["/etc/app", "/etc/app/conf.d/x.conf", "/var/lib/app"]);
    }

    [Fact]
    public void Privileged_actions_imply_capabilities_with_evidence()
    {
        var f = FromLines(
            "7 fchownat(AT_FDCWD, \"/run/x\", 33, 33, 0) = 0",
            "7 chroot(\"/srv\") = 0",
            "7 kill(99, SIGTERM) = 0",
            "7 kill(7, SIGTERM) = 0",
            "7 socket(AF_PACKET, SOCK_RAW, 768) = 3",
            "7 sched_setscheduler(0, SCHED_FIFO, [10]) = 0",
            "7 unshare(CLONE_NEWNS|CLONE_NEWNET) = 0",
            "7 mount(\"none\", \"/mnt\", \"tmpfs\", 0, NULL) = -1 EPERM (Operation not permitted)",
            "7 clock_settime(CLOCK_REALTIME, {tv_sec=0, tv_nsec=0}) = 0",
            "7 sethostname(\"x\", 1) = 0",
            "7 add_key(\"user\", \"k\", \"\"..., 1, KEY_SPEC_SESSION_KEYRING) = 1",
            "7 personality(0xffffffff) = 0",
            "7 bind(4, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
            "7 bind(5, {sa_family=AF_UNIX, sun_path=@\"abstract\"}, 11) = 0",
            "7 openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = -1 EACCES (Permission denied)",
            "7 --- SIGSYS {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x1, si_syscall=__NR_mount, si_arch=AUDIT_ARCH_X86_64} ---");
        Keys(f, FindingKind.Capability).ShouldBe(["CAP_CHOWN", "CAP_KILL", "CAP_NET_RAW", "CAP_SYS_ADMIN", "CAP_SYS_CHROOT", "CAP_SYS_NICE", "CAP_SYS_TIME"], ignoreOrder: true);
        f.Find(FindingKind.Capability, "CAP_KILL")!.Count.ShouldBe(1);
        Keys(f, FindingKind.Namespace).ShouldBe(["CLONE_NEWNET", "CLONE_NEWNS"]);
        Keys(f, FindingKind.Mount).ShouldBe(["mount"]);
        Keys(f, FindingKind.Realtime).ShouldBe(["SCHED_FIFO"]);
        Keys(f, FindingKind.Clock).ShouldBe(["clock_settime"]);
        Keys(f, FindingKind.Hostname).ShouldBe(["sethostname"]);
        Keys(f, FindingKind.Keyring).ShouldBe(["add_key"]);
        Keys(f, FindingKind.Personality).ShouldBe(["personality"]);
        Keys(f, FindingKind.BoundAddress).ShouldBe(["AF_INET 127.0.0.1:8080", "AF_UNIX @abstract"]);
        Keys(f, FindingKind.Denied).ShouldBe(["SIGSYS", "mount EPERM", "openat EACCES"]);
    }

    [Fact]
    public void Snapshots_are_immutable_while_the_builder_keeps_going()
    {
        var builder = new FindingsBuilder(groupsOf: s => s == "close" ? ["@basic-io"] : []);
        builder.Accept("1 close(3) = 0"u8);
        var first = builder.Snapshot();
        builder.Accept("1 close(4) = 0"u8);
        builder.Accept("1 garbage"u8);
        var second = builder.Snapshot();
        first.SyscallHistogram()["close"].ShouldBe(1);
        second.SyscallHistogram()["close"].ShouldBe(2);
        second.Stats.ShouldBe(new FindingsStats(3, 2, 1, 1));
        second.SyscallGroups.ShouldHaveSingleItem().ShouldBe(new SyscallGroupUse("@basic-io", ["close"]) with { Syscalls = second.SyscallGroups[0].Syscalls });
        second.SyscallGroups[0].Syscalls.ShouldBe(["close"]);
        second.Syscalls[0].Evidence.ShouldBe(["1 close(3) = 0", "1 close(4) = 0"]);
    }

    [Theory]
    [InlineData("ff.log")]
    [InlineData("fttt.log")]
    [InlineData("r.log")]
    [InlineData("t.log")]
    [InlineData("killed.log")]
    public void Real_logs_of_every_timestamp_style_parse_without_garbage(string name)
    {
        var f = FromFile(name);
        f.Stats.GarbageLines.ShouldBe(0);
        f.Stats.CallsStarted.ShouldBeGreaterThan(0);
        if (name != "killed.log") f.ExecutedFiles.ShouldNotBeEmpty();
    }
}
