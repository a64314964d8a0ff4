using HardenTui.Core.Directives;
using HardenTui.Core.Proposals;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Proposals;

/// <summary>Directives and values newer than 252: proposed only where the unit's systemd knows them, at their strongest.</summary>
public class VersionRulesTests
{
    private const string Findings = """
        {
          "syscalls": { "openat": 4, "bind": 1 },
          "syscallGroups": { "@system-service": ["openat", "bind"] },
          "executedFile": [ { "key": "/usr/sbin/daemon", "count": 1, "evidence": [] } ],
          "pathRead": [ { "key": "/etc/daemon.conf", "count": 1, "evidence": [] } ],
          "pathWritten": [ { "key": "/var/log/daemon.log", "count": 1, "evidence": [] } ],
          "pathCreated": [ { "key": "/tmp/daemon.sock", "count": 1, "evidence": [] } ],
          "socketFamily": [ { "key": "AF_UNIX", "count": 1, "evidence": [] } ]
        }
        """;

    private static Observations Seen(Func<string, string>? edit = null) => Observations.FromFindingsJson((edit ?? (s => s))(Findings));

    private static IReadOnlyList<Proposal> Propose(int version, Observations? seen = null, string type = "simple", CurrentHardening? current = null) =>
        Resolver.Propose(seen ?? Seen(), current ?? CurrentHardening.Nothing, ["/usr/sbin/daemon"],
            context: new UnitContext("daemon.service") { SystemdVersion = version, ServiceType = type });

    private static Proposal Find(IEnumerable<Proposal> proposals, string directive) => proposals.Single(p => p.Directive == directive);

    [Fact]
    public void On_257_the_strongest_new_values_are_proposed_where_the_trace_allows()
    {
        var proposals = Propose(257);
        Find(proposals, "ProtectControlGroups").Lines[0].Line.ShouldBe("ProtectControlGroups=strict");
        Find(proposals, "PrivateTmp").Lines[0].Line.ShouldBe("PrivateTmp=disconnected");
        var pids = Find(proposals, "PrivatePIDs");
        pids.DefaultOn.ShouldBeTrue();
        pids.Lines[0].Line.ShouldBe("PrivatePIDs=yes");
    }

    [Fact]
    public void On_252_and_254_nothing_newer_is_proposed()
    {
        var catalog = DirectiveCatalog.Load();
        foreach (var version in new[] { 252, 254 })
        {
            var proposals = Propose(version);
            proposals.ShouldNotContain(p => p.Directive == "PrivatePIDs");
            Find(proposals, "ProtectControlGroups").Lines[0].Value.ShouldBe("yes");
            Find(proposals, "PrivateTmp").Lines[0].Value.ShouldBe("yes");
            proposals.SelectMany(p => p.Lines).ShouldAllBe(l => catalog.TooNew(l.Name, l.Value, version) == null);
        }
        // Without a context (a saved trace, an unknown host) the baseline, 252, applies.
        Resolver.Propose(Seen(), CurrentHardening.Nothing, ["/usr/sbin/daemon"]).ShouldNotContain(p => p.Directive == "PrivatePIDs");
    }

    [Fact]
    public void The_trace_keeps_the_weaker_value_where_the_stronger_one_would_break_the_service()
    {
        var cgroupReader = Seen(f => f.Replace("\"/etc/daemon.conf\"", "\"/sys/fs/cgroup/memory.max\""));
        Find(Propose(257, cgroupReader), "ProtectControlGroups").Lines[0].Value.ShouldBe("yes");
        var ps = Seen(f => f.Replace("\"/etc/daemon.conf\"", "\"/proc/1/cmdline\""));
        var pids = Find(Propose(257, ps), "PrivatePIDs");
        pids.DefaultOn.ShouldBeFalse();
        pids.Evidence.ShouldContain(e => e.StartsWith("/proc/1/cmdline"));
        var oldTemp = Seen(f => f.Replace("\"/etc/daemon.conf\"", "\"/var/tmp/cache.db\""));
        Find(Propose(257, oldTemp), "PrivateTmp").DefaultOn.ShouldBeFalse();
    }

    [Fact]
    public void PrivatePIDs_is_never_on_for_a_forking_service()
    {
        var pids = Find(Propose(257, type: "forking"), "PrivatePIDs");
        pids.DefaultOn.ShouldBeFalse();
        pids.Reason.ShouldContain("Type=forking");
    }

    [Fact]
    public void A_unit_that_already_says_yes_is_offered_the_257_value()
    {
        var current = new CurrentHardening(new Dictionary<string, string> { ["ProtectControlGroups"] = "yes", ["PrivateTmp"] = "yes" });
        var proposals = Propose(257, current: current);
        Find(proposals, "ProtectControlGroups").Lines[0].Line.ShouldBe("ProtectControlGroups=strict");
        Find(proposals, "PrivateTmp").Lines[0].Line.ShouldBe("PrivateTmp=disconnected");
        var done = new CurrentHardening(new Dictionary<string, string>
            { ["ProtectControlGroups"] = "yes", ["ProtectControlGroupsEx"] = "strict", ["PrivateTmp"] = "yes", ["PrivateTmpEx"] = "disconnected" });
        Propose(257, current: done).ShouldNotContain(p => p.Directive == "ProtectControlGroups" || p.Directive == "PrivateTmp");
        Propose(252, current: current).ShouldNotContain(p => p.Directive == "ProtectControlGroups" || p.Directive == "PrivateTmp");
    }

    [Fact]
    public void Every_line_the_resolver_can_propose_passes_the_drop_in_check_on_every_version()
    {
        // The idioms (StateDirectory= for the service's own /var/lib/NAME, LoadCredential= for a secret it read) and
        // 257's values must be catalog directives, or apply refuses its own proposal.
        var seen = Seen(f => f.Replace("\"/var/log/daemon.log\"", "\"/var/lib/daemon/db\"").Replace("\"/etc/daemon.conf\"", "\"/etc/daemon/secret.key\""));
        foreach (var version in SystemdVersions.Tested)
        {
            var context = new UnitContext("daemon.service", "daemon", "daemon", null,
                new Dictionary<string, OwnedDirectory> { ["/var/lib/daemon"] = new("daemon", "daemon", "750") })
                { SystemdVersion = version, ServiceType = "simple" };
            var proposals = Resolver.Propose(seen, CurrentHardening.Nothing, ["/usr/sbin/daemon"], context: context);
            proposals.SelectMany(p => p.Lines).ShouldContain(l => l.Line == "StateDirectory=daemon");
            proposals.SelectMany(p => p.Lines).ShouldContain(l => l.Line == "StateDirectoryMode=0750");
            proposals.ShouldContain(p => p.Directive == "LoadCredential");
            var all = new HardenTui.Core.Overrides.DropIn("daemon.service", proposals.SelectMany(p => p.Lines).ToList());
            Should.NotThrow(() => HardenTui.Core.Overrides.HardeningDropIn.Check(all, DirectiveCatalog.Load()));
        }
    }
}
