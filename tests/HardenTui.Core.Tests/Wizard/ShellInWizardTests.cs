using HardenTui.Core.Directives;
using HardenTui.Core.Wizard;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Wizard;

/// <summary>The levels screen's way into the unit's sandbox, and the texts it shows next to each directive.</summary>
public class ShellInWizardTests
{
    private static (WizardModel Model, Cmd? Cmd) Key(WizardModel m, string key) => WizardUpdate.Update(m, new Msg.Key(new KeyPress(key)));

    [Fact]
    public void Bang_opens_the_shell_with_the_toggles_as_chosen_and_the_model_stays_where_it_was()
    {
        var levels = WizardSamples.Levels(120, 40);
        var (m, cmd) = Key(levels, "!");
        cmd.ShouldBe(new Cmd.OpenShell("nginx.service", levels.DropIn));
        levels.DropIn.ShouldContain("[Service]");
        m.ShouldBe(levels);
        Key(levels, "i").Cmd.ShouldBe(cmd);

        var (back, none) = WizardUpdate.Update(m, new Msg.ShellReturned(3, "back from the shell in nginx.service's sandbox (exit 3)"));
        none.ShouldBeNull();
        back.ShouldBe(levels with { Status = "back from the shell in nginx.service's sandbox (exit 3)" });
    }

    [Fact]
    public void Without_root_the_key_says_why_not()
    {
        var (m, cmd) = Key(WizardSamples.Levels(120, 40) with { IsRoot = false }, "!");
        cmd.ShouldBeNull();
        m.Status.ShouldContain("the shell in the sandbox needs root");
        KeyTables.Levels.Bindings.ShouldContain(b => b.Keys.Contains("!"));
    }

    [Fact]
    public void The_manual_once_read_gives_the_directive_texts_its_words()
    {
        var manual = new ManualWords(new Dictionary<string, ManualEntry> { ["ProtectSystem"] = new("systemd.exec", "Takes a boolean argument or the special values \"full\" or \"strict\".") });
        var (m, _) = WizardUpdate.Update(WizardSamples.Levels(120, 40), new Msg.ManualRead(manual));
        var text = m.Text("ProtectSystem", "strict");
        text.Words.ShouldStartWith("Takes a boolean argument");
        text.WordsFrom.ShouldBe("systemd.exec(5) as installed");
        text.WhatChanges!.ShouldStartWith("the whole file system read-only except /dev, /proc, /sys and ReadWritePaths=");
        WizardSamples.Levels(120, 40).Text("ProtectSystem", "strict").WordsFrom.ShouldBe("HardenTui's catalog (no manual installed)");
    }
}
