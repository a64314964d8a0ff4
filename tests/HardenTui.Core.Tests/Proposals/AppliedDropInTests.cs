using HardenTui.Core.Overrides;
using HardenTui.Core.Proposals;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Proposals;

public class AppliedDropInTests
{
    private static Proposal On(string name, string value) => new(name, [new DropInDirective(name, value, "r")], DefaultOn: true, "r", []);
    private static Proposal Off(string name, string value) => new(name, [new DropInDirective(name, value, "r")], DefaultOn: false, "a need", []);

    private static readonly DropIn Applied = DropIn.Parse("nginx.service", """
        [Service]
        ProtectSystem=full
        ProtectHome=yes
        PrivateTmp=yes
        SystemCallFilter=@system-service
        SystemCallFilter=~@privileged
        """);

    [Fact]
    public void What_the_new_proposals_do_not_name_stays_as_applied_and_what_they_name_follows_them()
    {
        // The resolver saw ProtectHome=, the filter and ProtectSystem= as the unit's own (they are ours) and proposed
        // none of them again but a stronger ProtectSystem=; the new trace shows a need against PrivateTmp=.
        var result = AppliedDropIn.Keep([On("ProtectSystem", "strict"), Off("PrivateTmp", "yes"), On("NoNewPrivileges", "yes")], Applied);
        var written = Resolver.DropIn("nginx.service", result).Directives.Select(d => d.Line).ToList();
        written.ShouldBe(["ProtectSystem=strict", "NoNewPrivileges=yes", "ProtectHome=yes",
            "SystemCallFilter=@system-service", "SystemCallFilter=~@privileged"], ignoreOrder: false);
        result.Single(p => p.Directive == "ProtectHome").Reason.ShouldBe(AppliedDropIn.KeptReason);
    }

    [Fact]
    public void Nothing_applied_leaves_the_proposals_as_they_are()
    {
        IReadOnlyList<Proposal> proposals = [On("ProtectHome", "yes")];
        AppliedDropIn.Keep(proposals, null).ShouldBeSameAs(proposals);
    }
}
