using HardenTui.Core.Overrides;
using HardenTui.Core.Wizard;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Wizard;

/// <summary>The review's diff says what our lines do to what systemd reads before them, and nothing about what comes after.</summary>
public class ReviewDiffTests
{
    private const string Cat =
        "# /lib/systemd/system/redis-server.service\n[Service]\nProtectSystem=full\nReadWritePaths=-/var/lib/redis\nReadWritePaths=-/var/log/redis\n\n" +
        "# /etc/systemd/system/redis-server.service.d/override.conf\n[Service]\nProtectSystem=no\nPrivateTmp=no\nRestrictAddressFamilies=AF_NETLINK\n";

    private static DirectiveToggle On(string name, string value, bool list = false) => new(name, value, true, list, "", [], 0);

    [Fact]
    public void A_single_value_replaces_the_earlier_one_and_a_list_keeps_its_earlier_entries()
    {
        var chosen = new[] { On("ProtectHome", "yes"), On("ReadWritePaths", "/run/redis", list: true) };
        var cat = Cat.Replace("ProtectSystem=full", "ProtectHome=read-only");

        ReviewDiff.Lines("redis-server.service", cat, chosen).ShouldBe(
        [
            new(' ', "[Service]"),
            new('-', "ProtectHome=read-only"),
            new('+', "ProtectHome=yes"),
            new(' ', "ReadWritePaths=-/var/lib/redis"),
            new(' ', "ReadWritePaths=-/var/log/redis"),
            new('+', "ReadWritePaths=/run/redis"),
        ]);
    }

    [Fact]
    public void What_a_later_drop_in_sets_is_not_shown_as_replaced_and_an_overridden_line_is_marked()
    {
        var chosen = new[] { On("ProtectSystem", "strict"), On("PrivateTmp", "yes"), On("RestrictAddressFamilies", "AF_UNIX", list: true) };
        var dropIn = DropInDraft.Render("redis-server.service", chosen);
        var overridden = LaterDropIns.Find(EffectiveUnitText.Files(Cat), "/" + DropInPaths.PersistentFile("redis-server.service"), dropIn);

        ReviewDiff.Lines("redis-server.service", Cat, chosen, overridden).ShouldBe(
        [
            new(' ', "[Service]"),
            new('!', "ProtectSystem=strict  (no effect: override.conf:2)"),
            new('!', "PrivateTmp=yes  (no effect: override.conf:3)"),
            // override.conf only adds AF_NETLINK after ours: ours stays, and nothing before it is replaced.
            new('+', "RestrictAddressFamilies=AF_UNIX"),
        ]);
    }
}
