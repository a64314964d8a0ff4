using HardenTui.Host.Apply;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Apply;

public class SyscallGroupMembersTests
{
    private const string Output = """
        @basic-io
            # System calls for basic I/O
            read
            write

        @system-service
            # General system service operations
            @basic-io
            @loop
            brk

        @loop
            @system-service
            futex

        # Unlisted system calls (supported by the local kernel, but not listed in any of the groups listed above):
            kexec_load
        """;

    [Fact]
    public void Nested_groups_are_expanded_and_cycles_and_trailing_notes_ignored()
    {
        SyscallGroupMembers.Expand(SyscallGroupMembers.Parse(Output), "@system-service").Order()
            .ShouldBe(["brk", "futex", "read", "write"]);
    }

    [Fact]
    public async Task The_hosts_system_service_group_holds_the_everyday_calls()
    {
        var members = await SyscallGroupMembers.ReadAsync(HardenTui.Host.Process.LocalProcessRunner.Instance, "@system-service");
        members.ShouldContain("openat");
        members.ShouldContain("execve");
        members.ShouldNotContain("init_module");
    }
}
