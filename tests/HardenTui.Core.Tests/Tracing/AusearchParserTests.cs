using HardenTui.Core.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tracing;

public class AusearchParserTests
{
    // ausearch -i -k KEY output for one execve of a #! script (records as ausearch 3.0.9 prints them).
    private const string Output = """
        ----
        type=PROCTITLE msg=audit(12/16/2024 21:07:52.662:6330) : proctitle=/bin/sh /usr/lib/dovecot/log
        type=PATH msg=audit(12/16/2024 21:07:52.662:6330) : item=1 name=/bin/sh inode=526 dev=fe:01 mode=file,755 ouid=root ogid=root rdev=00:00 nametype=NORMAL cap_fp=none cap_fi=none cap_fe=0 cap_fver=0 cap_frootid=0
        type=PATH msg=audit(12/16/2024 21:07:52.662:6330) : item=0 name=/usr/lib/dovecot/log inode=664678 dev=fe:01 mode=file,755 ouid=root ogid=root rdev=00:00 nametype=NORMAL cap_fp=none cap_fi=none cap_fe=0 cap_fver=0 cap_frootid=0
        type=EXECVE msg=audit(12/16/2024 21:07:52.662:6330) : argc=2 a0=/bin/sh a1=/usr/lib/dovecot/log
        type=SYSCALL msg=audit(12/16/2024 21:07:52.662:6330) : arch=x86_64 syscall=execve success=yes exit=0 a0=0x1 a1=0x2 a2=0x3 a3=0x0 items=2 ppid=100 pid=101 auid=unset uid=root gid=root euid=root suid=root fsuid=root egid=root sgid=root fsgid=root tty=(none) ses=unset comm=log exe=/usr/bin/dash subj=unconfined key=hardentui-x
        ----
        type=PATH msg=audit(12/16/2024 21:07:52.598:6323) : item=0 name=/usr/sbin/dovecot inode=570398 dev=fe:01 mode=file,755 ouid=root ogid=root rdev=00:00 nametype=NORMAL cap_fp=none cap_fi=none cap_fe=0 cap_fver=0 cap_frootid=0
        type=SYSCALL msg=audit(12/16/2024 21:07:52.598:6323) : arch=x86_64 syscall=execve success=no exit=ENOENT items=1 ppid=1 pid=100 comm=x exe=/usr/bin/x key=hardentui-x
        garbage line
        """;

    [Fact]
    public void Groups_records_into_events()
    {
        var parser = new AusearchParser();
        var events = Output.Split('\n').Select(parser.Accept).ToList();
        events.Add(parser.Flush());
        events.RemoveAll(e => e is null);
        events.Count.ShouldBe(2);
        events[0]!.Syscall.ShouldBe("execve");
        events[0]!.Success.ShouldBeTrue();
        events[0]!.Paths[0].ShouldBe("/usr/lib/dovecot/log");
        events[0]!.Paths[1].ShouldBe("/bin/sh");
        events[0]!.Exe.ShouldBe("/usr/bin/dash");
        (events[0]!.Pid, events[0]!.Ppid).ShouldBe((101, 100));
        events[1]!.Success.ShouldBeFalse();
        parser.MalformedLines.ShouldBe(1);
    }
}
