using HardenTui.Core.Overrides;
using HardenTui.Core.Proposals;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Proposals;

public class ResolverTests
{
    // Shaped like `hardentui findings --json` of nginx serving one request.
    private const string NginxFindings = """
        {
          "stats": { "lines": 900, "callsStarted": 880, "garbageLines": 0, "processes": 3 },
          "syscalls": { "openat": 40, "setuid": 1, "setgid": 1, "kill": 1, "bind": 2, "epoll_wait": 9, "io_setup": 1 },
          "syscallGroups": { "@system-service": ["openat", "setuid", "setgid", "kill", "bind", "epoll_wait"] },
          "executedFile": [ { "key": "/usr/sbin/nginx", "count": 1, "evidence": ["execve(\"/usr/sbin/nginx\", ...) = 0"] } ],
          "interpreter": [ { "key": "/lib64/ld-linux-x86-64.so.2", "count": 1, "evidence": [] } ],
          "execMappedFile": [ { "key": "/usr/lib/x86_64-linux-gnu/libc.so.6", "count": 3, "evidence": [] },
                              { "key": "/usr/lib/x86_64-linux-gnu/libpcre2-8.so.0", "count": 3, "evidence": [] } ],
          "pathRead": [ { "key": "/etc/nginx/nginx.conf", "count": 1, "evidence": [] }, { "key": "/dev/urandom", "count": 1, "evidence": [] } ],
          "pathWritten": [ { "key": "/var/log/nginx/access.log", "count": 2, "evidence": [] }, { "key": "/dev/null", "count": 1, "evidence": [] } ],
          "pathCreated": [ { "key": "/run/nginx.pid", "count": 1, "evidence": ["openat(AT_FDCWD, \"/run/nginx.pid\", O_CREAT...) = 4"] } ],
          "socketFamily": [ { "key": "AF_INET", "count": 2, "evidence": [] }, { "key": "AF_INET6", "count": 1, "evidence": [] } ],
          "boundAddress": [ { "key": "AF_INET 0.0.0.0:80", "count": 1, "evidence": [] } ],
          "capability": [], "namespace": [], "writeExecute": []
        }
        """;

    private static Observations Nginx(Func<string, string>? edit = null) => Observations.FromFindingsJson((edit ?? (s => s))(NginxFindings));

    private static Proposal Find(IEnumerable<Proposal> proposals, string directive) => proposals.Single(p => p.Directive == directive);

    private static string Value(IEnumerable<Proposal> proposals, string directive) => Find(proposals, directive).Lines[0].Value;

    [Fact]
    public void Evidence_of_an_allow_list_names_what_it_was_built_from_and_settings_say_the_trace_did_not_decide()
    {
        var proposals = Resolver.Propose(Nginx(), CurrentHardening.Nothing, ["/usr/sbin/nginx", "/sbin/start-stop-daemon"]);
        Find(proposals, "NoExecPaths").Evidence.ShouldBe(["built from 4 paths executed or mapped executable seen in the trace:",
            "  /lib64/ld-linux-x86-64.so.2", "  /sbin/start-stop-daemon", "  /usr/lib/x86_64-linux-gnu", "  /usr/sbin/nginx"]);
        Find(proposals, "ProtectSystem").Evidence.ShouldBe(["built from 2 written directories seen in the trace:", "  /run", "  /var/log/nginx"]);
        Find(proposals, "CapabilityBoundingSet").Evidence.ShouldContain("  CAP_NET_BIND_SERVICE: bound AF_INET 0.0.0.0:80, a port below 1024");
        Find(proposals, "SystemCallFilter").Evidence[1].ShouldBe("built from 1 calls outside @system-service seen in the trace:");
        Find(proposals, "RestrictAddressFamilies").Evidence[0].ShouldStartWith("built from 2 socket families");
        foreach (var setting in new[] { "SystemCallErrorNumber", "SystemCallArchitectures", "UMask" })
            Find(proposals, setting).Evidence.ShouldHaveSingleItem().ShouldStartWith("not decided by the trace: ");
        foreach (var list in new[] { "NoExecPaths", "ProtectSystem", "CapabilityBoundingSet", "SystemCallFilter", "RestrictAddressFamilies" })
            Find(proposals, list).Evidence.ShouldNotContain("nothing in the trace needs it", list);
        Find(proposals, "PrivateDevices").Evidence.ShouldBe(["nothing in the trace needs it"]);
    }

    [Fact]
    public void Nginx_gets_a_strict_drop_in_that_keeps_what_it_used()
    {
        var proposals = Resolver.Propose(Nginx(), CurrentHardening.Nothing, ["/usr/sbin/nginx", "/sbin/start-stop-daemon"]);
        Value(proposals, "ProtectSystem").ShouldBe("strict");
        Find(proposals, "ProtectSystem").Lines[1].Line.ShouldBe("ReadWritePaths=-/run -/var/log/nginx");
        Find(proposals, "NoExecPaths").Lines[1].Value
            .ShouldBe("-/lib64/ld-linux-x86-64.so.2 -/sbin/start-stop-daemon -/usr/lib/x86_64-linux-gnu -/usr/sbin/nginx");
        // CAP_CHOWN: seen in the sandbox, `rm access.log; nginx -s reopen` lost the access log without it (the master
        // chowns the new log to www-data for its workers; the trace never reopens logs).
        Value(proposals, "CapabilityBoundingSet").ShouldBe("CAP_CHOWN CAP_DAC_OVERRIDE CAP_KILL CAP_NET_BIND_SERVICE CAP_SETGID CAP_SETUID");
        Find(proposals, "CapabilityBoundingSet").Evidence.ShouldContain(e => e.StartsWith("  CAP_CHOWN: root hands files it writes to the user its workers run as"));
        Value(proposals, "SystemCallFilter").ShouldBe("@system-service io_setup");
        Value(proposals, "RestrictAddressFamilies").ShouldBe("AF_INET AF_INET6 AF_UNIX");
        Find(proposals, "PrivateDevices").DefaultOn.ShouldBeTrue();
        foreach (var choice in new[] { "DynamicUser", "PrivateNetwork", "IPAddressDeny" }) // nginx listens on 0.0.0.0
            Find(proposals, choice).ShouldSatisfyAllConditions(p => p.YourCall.ShouldBeTrue(), p => p.DefaultOn.ShouldBeFalse());
        Resolver.DropIn("nginx.service", proposals).Render(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .ShouldMatchApproved(c => c.SubFolder("approved").WithFileExtension("txt"));
    }

    [Fact]
    public void Writes_to_relative_paths_keep_protect_system_at_yes_and_name_no_empty_path()
    {
        var proposals = Resolver.Propose(Nginx(s => s.Replace("/var/log/nginx/access.log", "named.run")), CurrentHardening.Nothing, []);
        Value(proposals, "ProtectSystem").ShouldBe("yes");
        Find(proposals, "ProtectSystem").Lines.ShouldNotContain(l => l.Line.StartsWith("ReadWritePaths"));
    }

    [Fact]
    public void What_the_trace_contradicts_is_proposed_off_with_the_evidence()
    {
        var proposals = Resolver.Propose(Nginx(s => s
            .Replace("\"writeExecute\": []", "\"writeExecute\": [ { \"key\": \"mprotect PROT_WRITE|PROT_EXEC\", \"count\": 1, \"evidence\": [\"mprotect(...)\"] } ]")
            .Replace("/dev/urandom", "/dev/sda")
            .Replace("/var/log/nginx/access.log", "/usr/lib/nginx/cache")), CurrentHardening.Nothing, []);
        Find(proposals, "MemoryDenyWriteExecute").DefaultOn.ShouldBeFalse();
        Find(proposals, "MemoryDenyWriteExecute").Evidence.Single().ShouldContain("mprotect(...)");
        Find(proposals, "PrivateDevices").DefaultOn.ShouldBeFalse();
        Find(proposals, "PrivateDevices").Evidence.Single().ShouldStartWith("/dev/sda");
        Find(proposals, "ProtectSystem").DefaultOn.ShouldBeFalse();
    }

    [Fact]
    public void What_the_unit_already_sets_is_never_weakened_or_widened()
    {
        var current = new CurrentHardening(new Dictionary<string, string>
        {
            ["ProtectSystem"] = "strict", ["SystemCallFilter"] = "~@mount", ["CapabilityBoundingSet"] = "CAP_NET_BIND_SERVICE",
            ["UMask"] = "0077", ["NoNewPrivileges"] = "yes", ["User"] = "www-data",
        });
        var names = Resolver.Propose(Nginx(), current, []).Select(p => p.Directive).ToList();
        names.ShouldNotContain("ProtectSystem");
        names.ShouldNotContain("SystemCallFilter");
        names.ShouldNotContain("CapabilityBoundingSet");
        names.ShouldNotContain("UMask");
        names.ShouldNotContain("NoNewPrivileges");
        names.ShouldNotContain("DynamicUser");
        Value(Resolver.Propose(Nginx(), new CurrentHardening(new Dictionary<string, string> { ["UMask"] = "0002" }), []), "UMask").ShouldBe("0027");
    }

    [Fact]
    public void A_service_that_listens_on_loopback_only_is_offered_localhost_on_but_marked_your_call()
    {
        var proposals = Resolver.Propose(Nginx(s => s.Replace("\"AF_INET 0.0.0.0:80\"", "\"AF_INET 127.0.0.1:6379\", \"count\": 1, \"evidence\": [] }, { \"key\": \"AF_INET6 [::1]:6379\"")),
            CurrentHardening.Nothing, []);
        var ip = Find(proposals, "IPAddressDeny");
        ip.ShouldSatisfyAllConditions(p => p.DefaultOn.ShouldBeTrue(), p => p.YourCall.ShouldBeTrue());
        ip.Lines.Select(l => l.Line).ShouldBe(["IPAddressDeny=any", "IPAddressAllow=localhost"]);
        Find(Resolver.Propose(Nginx(), CurrentHardening.Nothing, []), "IPAddressDeny")
            .DefaultOn.ShouldBeFalse();
    }

    [Fact]
    public void Syscalls_outside_the_hosts_system_service_group_are_the_only_extras()
    {
        var seen = Observations.FromFindingsJson(NginxFindings.Replace("\"@system-service\": [\"openat\", \"setuid\", \"setgid\", \"kill\", \"bind\", \"epoll_wait\"]", ""))
            .WithGroup("@system-service", ["openat", "setuid", "setgid", "kill", "bind", "epoll_wait"]);
        Value(Resolver.Propose(seen, CurrentHardening.Nothing, []), "SystemCallFilter").ShouldBe("@system-service io_setup");
    }

    [Fact]
    public void Without_a_trace_nothing_is_on()
    {
        Resolver.Propose(Observations.None, CurrentHardening.Nothing, []).ShouldAllBe(p => !p.DefaultOn);
    }

    [Fact]
    public void Exposure_delta_is_measured_per_proposal_against_the_unit_as_it_is()
    {
        var proposals = Resolver.Propose(Nginx(), CurrentHardening.Nothing, [], text => 96 - text.Split('\n').Length);
        Find(proposals, "ProtectSystem").ExposureDeltaTenths.ShouldBe(-2); // two lines: ProtectSystem + ReadWritePaths
        Find(proposals, "LockPersonality").ExposureDeltaTenths.ShouldBe(-1);
    }

    [Fact]
    public void Garbage_findings_are_bad_input()
    {
        Should.Throw<BadInputException>(() => Observations.FromFindingsJson("{ \"executedFile\": [ { \"count\": 1 } ] }"));
        Should.Throw<BadInputException>(() => Observations.FromFindingsJson("not json"));
    }

    /// <summary>The wizard may switch any proposal on: every line the resolver can propose passes the hardening check the write does.</summary>
    [Fact]
    public void Every_proposal_on_or_off_passes_the_hardening_drop_in_check()
    {
        var proposals = Resolver.Propose(Nginx(), CurrentHardening.Nothing, ["/usr/sbin/nginx", "/sbin/start-stop-daemon"]);
        var all = new HardenTui.Core.Overrides.DropIn("nginx.service", proposals.SelectMany(p => p.Lines).ToList());
        all.Directives.Count.ShouldBeGreaterThan(20);
        HardenTui.Core.Overrides.HardeningDropIn.Check(all, HardenTui.Core.Directives.DirectiveCatalog.Load());
    }
}
