using HardenTui.Core.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tracing;

public class SeccompRecordTests
{
    [Fact]
    public void Kernel_log_record_maps_the_number_to_a_name()
    {
        var r = SeccompRecord.TryParse("[ 8878.952845] audit: type=1326 audit(1795388052.614:17): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=28344 comm=\"nginx\" exe=\"/usr/sbin/nginx\" sig=31 arch=c000003e syscall=41 compat=0 ip=0x7ff5b27fadc7 code=0x80000000")!;
        r.ShouldBe(new SeccompRecord(28344, "nginx", "/usr/sbin/nginx", "c000003e", 41, "socket", "0x80000000"));
        r.Logged.ShouldBeFalse();
    }

    [Fact]
    public void Journal_style_logged_record()
    {
        var r = SeccompRecord.TryParse("Nov 22 23:00:00 vm audit[77]: SECCOMP auid=4294967295 uid=33 gid=33 ses=4294967295 subj=unconfined pid=77 comm=\"redis-server\" exe=\"/usr/bin/redis-server\" sig=0 arch=c000003e syscall=165 compat=0 ip=0x1 code=0x7ffc0000")!;
        r.Syscall.ShouldBe("mount");
        r.Logged.ShouldBeTrue();
    }

    [Theory]
    [InlineData("audit: type=1400 apparmor=\"DENIED\"")]
    [InlineData("audit: type=1326 syscall=notanumber arch=c000003e")]
    [InlineData("")]
    public void Other_lines_are_not_records(string line) => SeccompRecord.TryParse(line).ShouldBeNull();

    [Fact]
    public void Unknown_architectures_keep_the_number_without_a_name() =>
        SeccompRecord.TryParse("audit: type=1326 pid=1 arch=40000003 syscall=5 code=0x7ffc0000")!.Syscall.ShouldBeNull();
}
