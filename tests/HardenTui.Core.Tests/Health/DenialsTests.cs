using HardenTui.Core.Health;
using HardenTui.Core.Overrides;
using HardenTui.Core.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Health;

/// <summary>The watch names the directive behind each denial and the relax that would allow it.</summary>
public class DenialsTests
{
    private static readonly DropIn Strict = DropIn.Parse("late.service",
        "[Service]\nProtectSystem=strict\nProtectHome=yes\nNoExecPaths=/\nExecPaths=-/usr/bin/sh\nSystemCallFilter=@system-service\n");

    [Fact]
    public void Erofs_is_protect_system_and_the_relax_opens_the_directory()
    {
        var d = Denials.FromJournal("late.service", "/usr/local/bin/late-writer: 4: cannot create /srv/late/ticks: Read-only file system", Strict)!;
        d.Directive.ShouldBe("ProtectSystem");
        d.What.ShouldBe("/srv/late/ticks");
        d.Relax!.Line.ShouldBe("ReadWritePaths=-/srv/late");
        Denials.Relaxed(Strict, d.Relax).Directives[^1].Line.ShouldBe("ReadWritePaths=-/srv/late");
        Denials.Relaxed(Denials.Relaxed(Strict, d.Relax), d.Relax).Directives.Count.ShouldBe(Strict.Directives.Count + 1);
    }

    [Fact]
    public void Eacces_on_a_program_is_no_exec_paths_and_in_a_home_is_protect_home()
    {
        Denials.FromJournal("late.service", "sh: 1: /usr/bin/gzip: Permission denied", Strict)!.Relax!.Line.ShouldBe("ExecPaths=-/usr/bin/gzip");
        var home = Denials.FromJournal("late.service", "open /root/.config/app.toml: Permission denied", Strict)!;
        (home.Directive, home.Relax).ShouldBe(("ProtectHome", null));
        Denials.FromJournal("late.service", "listening on 0.0.0.0:80", Strict).ShouldBeNull();
    }

    [Fact]
    public void A_seccomp_record_is_the_filter_and_the_relax_adds_the_call()
    {
        var record = SeccompRecord.TryParse("audit: type=1326 audit(1700000000.123:42): auid=4294967295 uid=0 gid=0 ses=4294967295 subj=unconfined pid=77 comm=\"late\" exe=\"/usr/bin/late\" sig=0 arch=c000003e syscall=165 compat=0 ip=0x7f code=0x7ffc0000")!;
        var d = Denials.FromSeccomp("late.service", record);
        d.Directive.ShouldBe("SystemCallFilter");
        d.Relax!.Line.ShouldBe("SystemCallFilter=mount");
    }
}
