using HardenTui.Core.Syscalls;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Syscalls;

public class SyscallTableTests
{
    [Theory]
    [InlineData(0, "read")]
    [InlineData(59, "execve")]
    [InlineData(257, "openat")]
    [InlineData(435, "clone3")]
    [InlineData(452, "fchmodat2")]
    public void X86_64_numbers_map_to_names(int number, string name) => SyscallTable.X8664.Name(number).ShouldBe(name);

    [Theory]
    [InlineData("fchmodat2", true)] // @file-system member systemd-analyze counts on Debian 12
    [InlineData("landlock_restrict_self", true)]
    [InlineData("fstat64", false)] // 32-bit only: skipped by systemd-analyze on x86_64
    [InlineData("osf_mount", false)] // Alpha only
    public void Names_that_exist_on_x86_64(string name, bool exists) => SyscallTable.X8664.Contains(name).ShouldBe(exists);
}
