using HardenTui.Core.Directives;
using HardenTui.Core.Proposals;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Proposals;

/// <summary>
/// RestrictFileSystems= from the file systems the trace touched (any systemd since 250) and PrivateUsers=self|identity
/// (257 only): proposed where the trace allows, off with the evidence where it shows a need, never where the
/// systemd does not know the value.
/// </summary>
public class NamespaceAndFileSystemRulesTests
{
    private const string Findings = """
        {
          "syscalls": { "openat": 4, "bind": 1 },
          "executedFile": [ { "key": "/usr/bin/redis-server", "count": 1, "evidence": ["execve(\"/usr/bin/redis-server\", ...) = 0"] } ],
          "execMappedFile": [ { "key": "/usr/lib/x86_64-linux-gnu/libc.so.6", "count": 1, "evidence": [] } ],
          "pathRead": [ { "key": "/etc/redis/redis.conf", "count": 1, "evidence": [] },
                        { "key": "/proc/self/stat", "count": 2, "evidence": [] },
                        { "key": "/sys/kernel/mm/transparent_hugepage/enabled", "count": 1, "evidence": [] },
                        { "key": "/dev/urandom", "count": 1, "evidence": [] } ],
          "pathWritten": [ { "key": "/var/lib/redis/dump.rdb", "count": 1, "evidence": [] },
                           { "key": "/run/redis/redis-server.pid", "count": 1, "evidence": [] } ],
          "socketFamily": [ { "key": "AF_INET", "count": 1, "evidence": [] } ]
        }
        """;

    // A host: ext4 root, /var/lib on xfs, /run tmpfs, the API file systems; /srv/data (with a space) on zfs.
    private const string Mountinfo = """
        22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p1 rw
        23 22 0:21 / /proc rw,nosuid,nodev,noexec shared:12 - proc proc rw
        24 22 0:22 / /sys rw,nosuid,nodev,noexec shared:2 - sysfs sysfs rw
        25 22 0:5 / /dev rw,nosuid shared:8 - devtmpfs udev rw,size=4000k
        26 22 0:24 / /run rw,nosuid,nodev shared:11 - tmpfs tmpfs rw,mode=755
        27 22 259:2 / /var/lib rw,relatime shared:20 - xfs /dev/nvme0n1p2 rw
        28 22 0:40 / /srv/my\040data rw shared:30 - zfs tank/data rw
        29 28 0:41 / /srv/my\040data rw shared:31 - ext4 /dev/sdb1 rw
        """;

    private static Observations Seen(Func<string, string>? edit = null) => Observations.FromFindingsJson((edit ?? (s => s))(Findings));

    private static UnitContext Context(int version, string? user = "redis", Enforcement? enforced = null, bool mounts = true) =>
        new("redis-server.service", user, user)
        {
            SystemdVersion = version, ServiceType = "notify",
            Mounts = mounts ? MountTable.Parse(Mountinfo) : null,
            FileSystemRestriction = enforced ?? new Enforcement(true, "the kernel's BPF LSM is active"),
        };

    private static IReadOnlyList<Proposal> Propose(UnitContext context, Observations? seen = null, CurrentHardening? current = null) =>
        Resolver.Propose(seen ?? Seen(), current ?? CurrentHardening.Nothing, ["/usr/bin/redis-server"], context: context);

    private static Proposal Find(IEnumerable<Proposal> proposals, string directive) => proposals.Single(p => p.Directive == directive);

    [Fact]
    public void The_mount_table_places_each_path_on_its_file_system()
    {
        var table = MountTable.Parse(Mountinfo);
        table.MountOf("/usr/bin/redis-server")!.FileSystem.ShouldBe("ext4");
        table.MountOf("/var/lib/redis/dump.rdb")!.FileSystem.ShouldBe("xfs");
        table.MountOf("/var/library")!.FileSystem.ShouldBe("ext4"); // a prefix of the name is not the directory
        table.MountOf("/srv/my data/x")!.FileSystem.ShouldBe("ext4"); // unescaped, and the later mount covers the earlier
        table.MountOf("relative/path").ShouldBeNull();
        MountTable.Parse("not mountinfo\n").Mounts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(252)]
    [InlineData(257)]
    public void RestrictFileSystems_allows_the_file_systems_the_trace_used_and_shows_path_to_type(int version)
    {
        var p = Find(Propose(Context(version)), "RestrictFileSystems");
        p.DefaultOn.ShouldBeTrue(p.Reason);
        p.Lines.ShouldHaveSingleItem().Line.ShouldBe("RestrictFileSystems=@basic-api ext4 tmpfs xfs");
        p.Evidence.ShouldContain("  xfs: /var/lib/redis/dump.rdb");
        p.Evidence.ShouldContain(e => e.StartsWith("  ext4: ") && e.Contains("/usr/bin/redis-server"));
        p.Evidence.ShouldContain("  tmpfs: /run/redis/redis-server.pid");
        p.Evidence.ShouldContain(e => e.StartsWith("  proc: /proc/self/stat"));
        p.Evidence.ShouldContain(e => e.Contains("does not score RestrictFileSystems="));
        p.Reason.ShouldContain("enforced here");
    }

    [Fact]
    public void Where_the_kernel_cannot_enforce_it_the_proposal_says_so()
    {
        var p = Find(Propose(Context(257, enforced: new Enforcement(false, "there is no /sys/kernel/security/lsm"))), "RestrictFileSystems");
        p.Reason.ShouldContain("NOT enforced here, systemd accepts the line and it has no effect: there is no /sys/kernel/security/lsm");
        p.Evidence.ShouldContain(e => e.StartsWith("NOT enforced here"));
        Find(Propose(Context(257) with { FileSystemRestriction = null }), "RestrictFileSystems").Reason.ShouldContain("was not checked");
    }

    [Fact]
    public void RestrictFileSystems_is_off_where_a_path_cannot_be_placed_or_named()
    {
        var zfs = Find(Propose(Context(257), Seen(f => f.Replace("/etc/redis/redis.conf", "/srv/my data"))), "RestrictFileSystems");
        zfs.DefaultOn.ShouldBeTrue(); // /srv/my data itself is the ext4 mount on top
        var onZfs = Context(257) with { Mounts = MountTable.Parse(Mountinfo.Replace("29 28 0:41 / /srv/my\\040data rw shared:31 - ext4 /dev/sdb1 rw", "")) };
        var blocked = Find(Propose(onZfs, Seen(f => f.Replace("/etc/redis/redis.conf", "/srv/my data/db"))), "RestrictFileSystems");
        blocked.DefaultOn.ShouldBeFalse();
        blocked.Evidence.ShouldContain(e => e.StartsWith("/srv/my data/db") && e.Contains("on zfs"));
        var relative = Find(Propose(Context(257), Seen(f => f.Replace("/etc/redis/redis.conf", "redis.conf"))), "RestrictFileSystems");
        relative.DefaultOn.ShouldBeFalse();
        var noTable = Find(Propose(Context(257, mounts: false)), "RestrictFileSystems");
        noTable.DefaultOn.ShouldBeFalse();
        noTable.Reason.ShouldContain("mount table");
        Propose(Context(257), current: new CurrentHardening(new Dictionary<string, string> { ["RestrictFileSystems"] = "ext4" }))
            .ShouldNotContain(p => p.Directive == "RestrictFileSystems");
    }

    [Fact]
    public void RestrictFileSystems_is_never_proposed_to_a_systemd_before_250()
    {
        Propose(Context(249)).ShouldNotContain(p => p.Directive == "RestrictFileSystems");
        DirectiveCatalog.Load().Find("RestrictFileSystems")!.Since.ShouldBe(250);
    }

    [Fact]
    public void A_service_with_its_own_user_gets_PrivateUsers_self_on_257()
    {
        var p = Find(Propose(Context(257)), "PrivateUsers");
        p.DefaultOn.ShouldBeTrue();
        p.YourCall.ShouldBeFalse();
        p.Lines.ShouldHaveSingleItem().Line.ShouldBe("PrivateUsers=self");
    }

    [Fact]
    public void A_root_service_or_one_that_switches_users_gets_identity()
    {
        var root = Find(Propose(Context(257, user: null)), "PrivateUsers");
        root.Lines[0].Line.ShouldBe("PrivateUsers=identity");
        root.DefaultOn.ShouldBeTrue();
        root.Evidence.ShouldContain(e => e.Contains("runs as root"));
        var switches = Seen(f => f.Replace("\"socketFamily\"", "\"capability\": [ { \"key\": \"CAP_SETUID\", \"count\": 1, \"evidence\": [\"setuid(33) = 0\"] } ],\n  \"socketFamily\""));
        var p = Find(Propose(Context(257), switches), "PrivateUsers");
        p.Lines[0].Line.ShouldBe("PrivateUsers=identity");
        p.Evidence.ShouldContain(e => e.Contains("CAP_SETUID") && e.Contains("setuid(33)"));
    }

    [Theory]
    [InlineData("CAP_NET_BIND_SERVICE", "bind(6, {sa_family=AF_INET, sin_port=htons(80)}) = 0", "", "CAP_NET_BIND_SERVICE")]
    [InlineData("CAP_SETGID", "setgroups(0, NULL) = 0", ", \"setgroups\": 1", "setgroups() is denied")]
    public void A_capability_the_host_checks_or_setgroups_keeps_PrivateUsers_off(string capability, string line, string syscall, string shown)
    {
        var seen = Seen(f => f.Replace("\"bind\": 1", "\"bind\": 1" + syscall).Replace("\"socketFamily\"",
            $"\"capability\": [ {{ \"key\": \"{capability}\", \"count\": 1, \"evidence\": [\"{line.Replace("\"", "\\\"")}\"] }} ],\n  \"socketFamily\""));
        var p = Find(Propose(Context(257), seen), "PrivateUsers");
        p.DefaultOn.ShouldBeFalse();
        p.Evidence.ShouldContain(e => e.Contains(shown));
    }

    [Theory]
    [InlineData(252)]
    [InlineData(254)]
    public void Before_257_self_and_identity_are_never_proposed(int version)
    {
        var proposals = Propose(Context(version));
        proposals.SelectMany(p => p.Lines).ShouldNotContain(l => l.Name == "PrivateUsers" && (l.Value == "self" || l.Value == "identity"));
        var yes = Find(proposals, "PrivateUsers"); // PrivateUsers=yes stays the user's call there
        yes.YourCall.ShouldBeTrue();
        yes.DefaultOn.ShouldBeFalse();
    }
}
