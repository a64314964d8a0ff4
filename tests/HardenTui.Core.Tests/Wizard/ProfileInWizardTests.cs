using HardenTui.Core.Profiles;
using HardenTui.Core.Proposals;
using HardenTui.Core.Tests.Proposals;
using HardenTui.Core.Wizard;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Wizard;

/// <summary>"p" starts the levels from a shipped profile, a later trace refines it, "s" saves the toggles as a profile.</summary>
public class ProfileInWizardTests
{
    private static readonly ProfileSeed Nginx = new("nginx",
    [
        new ProfileDirective("MemoryDenyWriteExecute", "yes", "no W+X mapping was seen"),
        new ProfileDirective("SystemCallFilter", ["@system-service", "~@privileged"], "allow-list from the trace"),
        new ProfileDirective("PrivateTmp", "yes", "no shared /tmp file was used"),
    ], "curl -fsS http://127.0.0.1/");

    private static DirectiveToggle Find(WizardModel m, string name) => m.Levels.Steps.SelectMany(s => s.Directives).First(d => d.Name == name);

    [Fact]
    public void P_asks_the_host_for_the_units_profile()
    {
        var (m, cmd) = WizardUpdate.Update(WizardSamples.Levels(80, 24), new Msg.Key(new KeyPress("p")));
        cmd.ShouldBe(new Cmd.FindProfile("nginx.service"));
        m.Status.ShouldStartWith("looking for a profile");
    }

    [Fact]
    public void Without_a_trace_the_profile_turns_on_what_it_names_with_its_values_and_reasons()
    {
        var start = WizardSamples.Levels(80, 24) with { Trace = TraceState.Initial with { Probe = "curl -fsS http://localhost/" } };
        var (m, cmd) = WizardUpdate.Update(start, new Msg.ProfileFound(Nginx, "started from profile nginx"));
        Find(m, "MemoryDenyWriteExecute").On.ShouldBeTrue();
        Find(m, "MemoryDenyWriteExecute").Evidence.ShouldBe(["profile nginx: no W+X mapping was seen"]);
        Find(m, "SystemCallFilter").Value.ShouldBe("@system-service");
        Find(m, "RestrictAddressFamilies").ShouldBe(start.Levels.Steps[5].Directives[0]); // not in the profile: untouched
        var extra = m.Levels.Steps.Single(s => s.Name == ProfileSeeding.ProfileStep).Directives;
        extra.Select(d => d.Line).ShouldBe(["SystemCallFilter=~@privileged", "PrivateTmp=yes"]);
        m.Trace.Probe.ShouldBe("curl -fsS http://localhost/"); // the user's probe wins over the profile's
        m.Status.ShouldBe("started from profile nginx");
        cmd.ShouldBeOfType<Cmd.PreviewExposure>().DropIn.ShouldContain("MemoryDenyWriteExecute=yes");
    }

    [Fact]
    public void After_a_trace_a_need_the_trace_shows_keeps_the_directive_off_and_the_traced_value_stays()
    {
        var traced = WizardSamples.Levels(80, 24) with { Trace = TraceState.Initial with { Finished = true } };
        var (m, _) = WizardUpdate.Update(traced, new Msg.ProfileFound(Nginx, "started from profile nginx"));
        var mdwe = Find(m, "MemoryDenyWriteExecute");
        mdwe.On.ShouldBeFalse();
        mdwe.Evidence[0].ShouldStartWith("profile nginx: no W+X mapping was seen — kept off, the trace shows a need");
        mdwe.Evidence[1].ShouldBe("mprotect PROT_EXEC seen in libpcre2-8.so.0 (JIT)");
        Find(m, "SystemCallFilter").Value.ShouldBe("@system-service");
    }

    /// <summary>Seen in the sandbox: after a trace of cron, `p` said "started from profile cron" and chose nothing (0 of 12),
    /// because every toggle the sessions keep off has evidence and was taken for a need the trace shows.</summary>
    [Fact]
    public void After_a_trace_of_a_session_service_its_profile_switches_on_what_only_the_sessions_kept_off_but_not_what_the_trace_needs()
    {
        var seen = Observations.FromFindingsJson(SessionServiceTests.SshdFindings);
        var session = SessionService.Recognise("cron.service", null, ["/usr/sbin/cron"], PamStacks.Parse(SessionServiceTests.DebianPam), seen);
        var proposals = Resolver.Propose(seen, CurrentHardening.Nothing, ["/usr/sbin/cron"], context: new UnitContext("cron.service", Session: session));
        var steps = new[] { new LevelStep("all", proposals.SelectMany(p => p.Lines.Where(l => l.Name == p.Directive)
            .Select(l => new DirectiveToggle(l.Name, l.Value, p.DefaultOn, false, p.Reason, p.Evidence, 0))).ToList()) };
        var cron = new ProfileSeed("cron", [new ProfileDirective("ProtectKernelModules", "yes", "no kernel module was loaded"),
            new ProfileDirective("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6 AF_NETLINK", "jobs need the network"),
            new ProfileDirective("NoExecPaths", "/", "a profile that goes too far")], null);
        var traced = WizardSamples.Levels(80, 24) with { Trace = TraceState.Initial with { Finished = true }, Levels = LevelsState.Initial with { Steps = steps } };

        var (m, _) = WizardUpdate.Update(traced, new Msg.ProfileFound(cron, "started from profile cron"));

        var modules = Find(m, "ProtectKernelModules");
        modules.On.ShouldBeTrue();
        modules.Explanation.ShouldBe("no kernel module was loaded");
        modules.Evidence.ShouldBe(["profile cron: no kernel module was loaded",
            "off by default: reaches into the sessions cron.service starts: modprobe would fail for admins",
            "session service: cron has a PAM session stack: /etc/pam.d/cron (pam_limits.so, pam_unix.so)",
            "session service: the trace shows a switch of user (setresuid(), setgroups()) and a login shell's start-up (/etc/profile)"]);
        Find(m, "RestrictAddressFamilies").ShouldBe(Find(m, "RestrictAddressFamilies") with { On = true, Value = "AF_UNIX AF_INET AF_INET6 AF_NETLINK" });
        var noExec = Find(m, "NoExecPaths"); // a login shell ran during the trace: a need, sessions or not
        noExec.On.ShouldBeFalse();
        noExec.Explanation.ShouldStartWith("a login shell or a program in a home directory ran during the trace");
        noExec.Explanation.ShouldEndWith("; it also reaches into the sessions cron.service starts: sessions could run only the programs this trace saw");
        noExec.Evidence[0].ShouldStartWith("profile cron: a profile that goes too far — kept off, the trace shows a need");
    }

    [Fact]
    public void Proposals_rebuilt_after_a_trace_start_from_the_profile_again()
    {
        var (m, _) = WizardUpdate.Update(WizardSamples.Levels(80, 24),
            new Msg.ProfileFound(Nginx, "started"));
        m.Trace.Probe.ShouldBe("curl -fsS http://127.0.0.1/");
        var fresh = WizardSamples.Steps.Select(s => s with { Directives = s.Directives.Select(d => d with { On = false, Evidence = [] }).ToList() }).ToList();
        (m, _) = WizardUpdate.Update(m, new Msg.ProposalsReady(fresh));
        m.Levels.Seed.ShouldBe(Nginx);
        Find(m, "MemoryDenyWriteExecute").On.ShouldBeTrue();
        Find(m, "RestrictAddressFamilies").On.ShouldBeFalse();
    }

    [Fact]
    public void No_profile_for_the_unit_is_said_on_the_status_line_and_changes_nothing()
    {
        var start = WizardSamples.Levels(80, 24);
        var (m, cmd) = WizardUpdate.Update(start, new Msg.ProfileFound(null, "no shipped profile names nginx.service"));
        m.Levels.ShouldBe(start.Levels);
        m.Status.ShouldBe("no shipped profile names nginx.service");
        cmd.ShouldBeNull();
    }

    [Fact]
    public void S_saves_the_chosen_directives_with_the_probe_and_shows_the_path()
    {
        var start = WizardSamples.Levels(80, 24) with { Trace = TraceState.Initial with { Probe = "curl -fsS http://localhost/" } };
        var (_, cmd) = WizardUpdate.Update(start, new Msg.Key(new KeyPress("s")));
        var save = cmd.ShouldBeOfType<Cmd.SaveProfile>();
        save.Unit.ShouldBe("nginx.service");
        save.Directives.ShouldBe(start.Levels.Chosen.ToList());
        save.Probe.ShouldBe("curl -fsS http://localhost/");
        var (m, _) = WizardUpdate.Update(start, new Msg.ProfileSaved("/root/nginx-local.yaml"));
        m.Status.ShouldContain("/root/nginx-local.yaml");
    }

    [Fact]
    public void A_toggle_in_the_profile_step_changes_only_the_highlighted_line_of_a_repeated_name()
    {
        var seed = Nginx with { Directives = [new ProfileDirective("SystemCallFilter", ["@system-service", "~@privileged", "~@resources"], "r")] };
        var (m, _) = WizardUpdate.Update(WizardSamples.Levels(80, 24), new Msg.ProfileFound(seed, "ok"));
        m = m with { Levels = m.Levels with { Step = m.Levels.Steps.Count - 1, Directive = 1 } };
        (m, _) = WizardUpdate.Update(m, new Msg.Key(new KeyPress("space")));
        m.Levels.CurrentStep!.Directives.Select(d => d.On).ShouldBe([true, false]);
    }
}
