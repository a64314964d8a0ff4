using HardenTui.Core.Proposals;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Proposals;

/// <summary>The seeds' idioms: exec directories in place of ReadWritePaths=, ProtectHome=tmpfs, LoadCredential= as the user's call.</summary>
public class IdiomRulesTests
{
    private const string RedisFindings = """
        {
          "syscalls": { "openat": 10 },
          "executedFile": [ { "key": "/usr/bin/redis-server", "count": 1, "evidence": [] } ],
          "pathRead": [ { "key": "/etc/redis/redis.conf", "count": 1, "evidence": [] }, { "key": "/etc/ssl/private/redis.key", "count": 1, "evidence": [] },
                        { "key": "/etc/passwd", "count": 1, "evidence": [] } ],
          "pathWritten": [ { "key": "/var/lib/redis/dump.rdb", "count": 1, "evidence": [] }, { "key": "/var/log/redis/redis-server.log", "count": 1, "evidence": [] },
                           { "key": "/run/redis/redis-server.pid", "count": 1, "evidence": [] } ],
          "pathCreated": [ { "key": "/var/lib/redis/temp-1.rdb", "count": 1, "evidence": [] } ]
        }
        """;

    private static readonly UnitContext Redis = new("redis-server.service", "redis", "redis", Directories: new Dictionary<string, OwnedDirectory>
    {
        ["/var/lib/redis"] = new("redis", "redis", "750"),
        ["/var/log/redis"] = new("redis", "adm", "2750"),
        ["/run/redis"] = new("redis", "redis", "2755"), // setgid: left in ReadWritePaths=
    });

    [Fact]
    public void The_services_own_directories_become_exec_directories_with_their_mode_and_others_stay_in_read_write_paths()
    {
        var cache = Resolver.Propose(Observations.FromFindingsJson(RedisFindings.Replace("/run/redis/redis-server.pid", "/var/cache/redis/x")), CurrentHardening.Nothing, [],
            context: Redis with { Directories = new Dictionary<string, OwnedDirectory>(Redis.Directories!) { ["/var/cache/redis"] = new("redis", "redis", "755") } })
            .Single(p => p.Directive == "ProtectSystem");
        cache.Lines.Select(l => l.Line).ShouldContain("CacheDirectory=redis");
        cache.Lines.ShouldNotContain(l => l.Name == "CacheDirectoryMode");
        Own();
    }

    private static void Own()
    {
        var protect = Resolver.Propose(Observations.FromFindingsJson(RedisFindings), CurrentHardening.Nothing, [], context: Redis)
            .Single(p => p.Directive == "ProtectSystem");
        protect.Lines.Select(l => l.Line).ShouldBe(["ProtectSystem=strict", "ReadWritePaths=-/run/redis -/var/log/redis",
            "StateDirectory=redis", "StateDirectoryMode=0750"]);
        protect.Evidence.ShouldContain("  /var/lib/redis (redis:redis 750) → StateDirectory=redis");
    }

    [Fact]
    public void Without_the_context_written_directories_stay_in_read_write_paths()
    {
        Resolver.Propose(Observations.FromFindingsJson(RedisFindings), CurrentHardening.Nothing, []).Single(p => p.Directive == "ProtectSystem")
            .Lines.Select(l => l.Line).ShouldBe(["ProtectSystem=strict", "ReadWritePaths=-/run/redis -/var/lib/redis -/var/log/redis"]);
    }

    [Fact]
    public void Secrets_read_are_offered_as_credentials_off_and_the_users_call()
    {
        var credential = Resolver.Propose(Observations.FromFindingsJson(RedisFindings), CurrentHardening.Nothing, []).Single(p => p.Directive == "LoadCredential");
        credential.DefaultOn.ShouldBeFalse();
        credential.YourCall.ShouldBeTrue();
        credential.Lines[0].Line.ShouldBe("LoadCredential=redis.key:/etc/ssl/private/redis.key");
        credential.Evidence[1].ShouldStartWith("/etc/ssl/private/redis.key");
    }

    [Fact]
    public void A_service_that_only_creates_files_in_a_home_gets_protect_home_tmpfs()
    {
        var seen = Observations.FromFindingsJson("""
            { "executedFile": [ { "key": "/usr/bin/app", "count": 1, "evidence": [] } ],
              "pathRead": [ { "key": "/root", "count": 1, "evidence": [] } ],
              "pathCreated": [ { "key": "/root/.cache/app.db", "count": 1, "evidence": [] } ],
              "pathWritten": [ { "key": "/root/.cache/app.db", "count": 1, "evidence": [] } ] }
            """);
        Resolver.Propose(seen, CurrentHardening.Nothing, []).Single(p => p.Directive == "ProtectHome").Lines[0].Line.ShouldBe("ProtectHome=tmpfs");
    }

    [Fact]
    public void The_idioms_pass_the_hardening_drop_in_check_and_a_relative_escape_does_not()
    {
        var proposals = Resolver.Propose(Observations.FromFindingsJson(RedisFindings), CurrentHardening.Nothing, [], context: Redis);
        var all = new HardenTui.Core.Overrides.DropIn("redis-server.service", proposals.SelectMany(p => p.Lines).ToList());
        Should.NotThrow(() => HardenTui.Core.Overrides.HardeningDropIn.Check(all, HardenTui.Core.Directives.DirectiveCatalog.Load()));
        Should.Throw<BadInputException>(() => HardenTui.Core.Overrides.HardeningDropIn.Check(
            new HardenTui.Core.Overrides.DropIn("x.service", [new("StateDirectory", "../../etc", "")]), HardenTui.Core.Directives.DirectiveCatalog.Load()));
    }
}
