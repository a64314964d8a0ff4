using HardenTui.Core.Overrides;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Overrides;

public class DropInTests
{
    private static readonly DateTimeOffset When = new(2025, 3, 1, 12, 30, 0, TimeSpan.Zero);

    private static DropIn Sample() => new("nginx.service",
    [
        new DropInDirective("ProtectSystem", "strict", "no write under / was seen outside /var/log/nginx and /run"),
        new DropInDirective("ReadWritePaths", "-/var/log/nginx -/run", "written during the trace"),
        new DropInDirective("NoNewPrivileges", "yes", "no setuid/setgid executable was run\nno file capabilities were gained"),
        new DropInDirective("SystemCallFilter", "@system-service", ""),
    ]);

    [Fact]
    public void Rendering_has_header_reasons_and_matches_snapshot()
    {
        var text = Sample().Render(When);
        text.ShouldStartWith("# Written by HardenTui for nginx.service on 2025-03-01 12:30:00 UTC\n");
        text.ShouldContain("hardentui rollback nginx.service");
        text.ShouldMatchApproved(c => c.SubFolder("approved").WithFileExtension("txt"));
    }

    [Fact]
    public void Parse_reads_back_what_render_wrote()
    {
        var parsed = DropIn.Parse("nginx.service", Sample().Render(When));
        parsed.Unit.ShouldBe("nginx.service");
        parsed.Directives.ShouldBe(Sample().Directives);
        DropIn.IsOurs(Sample().Render(When)).ShouldBeTrue();
        DropIn.IsOurs("[Service]\nUser=x\n").ShouldBeFalse();
    }

    [Theory]
    [InlineData("User=nobody\n")]
    [InlineData("[Unit]\nAfter=x\n")]
    [InlineData("[Service]\nnot a directive\n")]
    [InlineData("[Service]\nExecStart=/bin/a \\\n")]
    public void Parse_rejects_what_it_cannot_read_as_bad_input(string text)
    {
        Should.Throw<BadInputException>(() => DropIn.Parse("nginx.service", text));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b.service")]
    [InlineData("nginx.socket")]
    [InlineData("")]
    public void Unit_names_that_could_escape_the_unit_directory_are_bad_input(string unit)
    {
        Should.Throw<BadInputException>(() => DropInPaths.PersistentFile(unit));
    }

    [Fact]
    public void Paths_are_our_own_file_beside_the_user_override()
    {
        DropInPaths.PersistentFile("redis-server.service").ShouldBe("etc/systemd/system/redis-server.service.d/90-hardentui.conf");
        DropInPaths.PersistentFile("getty@tty1.service").ShouldBe("etc/systemd/system/getty@tty1.service.d/90-hardentui.conf");
        DropInPaths.RuntimeFile("nginx.service", "zz-hardentui-trace.conf").ShouldStartWith("run/systemd/system/nginx.service.d/");
    }

    [Fact]
    public void Without_drops_the_named_directives_only()
    {
        Sample().Without(["NoNewPrivileges", "ProtectSystem"]).Directives.Select(d => d.Name)
            .ShouldBe(["ReadWritePaths", "SystemCallFilter"]);
    }
}
