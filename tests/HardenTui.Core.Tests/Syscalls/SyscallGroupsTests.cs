using HardenTui.Core;
using HardenTui.Core.Syscalls;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Syscalls;

public class SyscallGroupsTests
{
    private static readonly SyscallGroups Groups252 =
        SyscallGroups.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Syscalls", "TestData", "syscall-filter-252.txt")));

    [Fact]
    public void Lists_all_29_groups_of_252_in_systemds_order()
    {
        Groups252.Names.Count.ShouldBe(29);
        Groups252.Names[0].ShouldBe("@default");
        Groups252.Names[^1].ShouldBe("@known");
        Groups252.Description("@swap").ShouldBe("Enable/disable swap devices");
    }

    [Fact]
    public void Direct_members_keep_nested_groups_unexpanded()
    {
        Groups252.DirectMembers("@privileged").Take(3).ShouldBe(["@chown", "@clock", "@module"]);
    }

    [Fact]
    public void Members_expand_nested_groups_in_place()
    {
        var privileged = Groups252.Members("@privileged");
        privileged.Take(8).ShouldBe(["chown", "chown32", "fchown", "fchown32", "fchownat", "lchown", "lchown32", "adjtimex"]);
        privileged.ShouldContain("reboot");
        privileged.ShouldContain("vhangup");
        privileged.ShouldNotContain("@clock");
        privileged.Count.ShouldBe(privileged.Distinct().Count());
    }

    [Fact]
    public void System_service_contains_its_nested_groups_members()
    {
        var service = Groups252.Members("@system-service");
        service.ShouldContain("epoll_wait");   // via @io-event
        service.ShouldContain("execve");       // via @default
        service.ShouldContain("personality");  // direct
        service.ShouldNotContain("mount");
    }

    [Fact]
    public void Ungrouped_commentary_is_not_a_member_of_known()
    {
        Groups252.Members("@known").ShouldNotContain("#   arc_gettls");
        Groups252.GroupsOf("arc_gettls").ShouldBe(["@known"]);
    }

    [Fact]
    public void GroupsOf_resolves_nested_membership()
    {
        Groups252.GroupsOf("chown").ShouldBe(["@chown", "@privileged", "@system-service", "@known"]);
        Groups252.GroupsOf("not_a_syscall").ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_group_and_malformed_output_are_bad_input()
    {
        Should.Throw<BadInputException>(() => Groups252.Members("@nope"));
        Should.Throw<BadInputException>(() => SyscallGroups.Parse("    orphan\n"));
        Should.Throw<BadInputException>(() => SyscallGroups.Parse("@a\n    @b\n")).Message.ShouldContain("@b");
        Should.Throw<BadInputException>(() => SyscallGroups.Parse("@a\n    @a\n"));
    }
}
