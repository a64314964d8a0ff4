using HardenTui.Core.Proposals;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Proposals;

/// <summary>Session and job services (sshd, getty, cron): recognised from PAM, the trace or the name; nothing their sessions inherit is proposed on.</summary>
public class SessionServiceTests
{
    // Debian 12's /etc/pam.d as `grep -H '' /etc/pam.d/*` prints it (abridged).
    internal const string DebianPam = """
        /etc/pam.d/sshd:# PAM configuration for the Secure Shell service
        /etc/pam.d/sshd:@include common-auth
        /etc/pam.d/sshd:account    required     pam_nologin.so
        /etc/pam.d/sshd:session [success=ok ignore=ignore module_unknown=ignore default=bad]        pam_selinux.so close
        /etc/pam.d/sshd:session    required     pam_loginuid.so
        /etc/pam.d/sshd:@include common-session
        /etc/pam.d/common-session:session	[default=1]			pam_permit.so
        /etc/pam.d/common-session:session	required			pam_unix.so
        /etc/pam.d/common-session:session	optional	pam_systemd.so
        /etc/pam.d/cron:@include common-auth
        /etc/pam.d/cron:session       required   pam_limits.so
        /etc/pam.d/cron:@include common-session-noninteractive
        /etc/pam.d/common-session-noninteractive:session	required	pam_unix.so
        /etc/pam.d/other:@include common-auth
        """;

    internal const string SshdFindings = """
        {
          "syscalls": { "openat": 40, "setresuid": 2, "setgroups": 1, "execve": 3, "bind": 1 },
          "syscallGroups": { "@system-service": ["openat", "setresuid", "setgroups", "execve", "bind"] },
          "executedFile": [ { "key": "/usr/sbin/sshd", "count": 2, "evidence": [] }, { "key": "/usr/bin/bash", "count": 1, "evidence": [] },
                            { "key": "/root/bin/prompt-helper", "count": 1, "evidence": [] } ],
          "execMappedFile": [ { "key": "/usr/lib/x86_64-linux-gnu/libc.so.6", "count": 3, "evidence": [] } ],
          "pathRead": [ { "key": "/etc/ssh/sshd_config", "count": 1, "evidence": [] }, { "key": "/etc/profile", "count": 1, "evidence": [] },
                        { "key": "/root/.bashrc", "count": 1, "evidence": [] } ],
          "pathWritten": [ { "key": "/root/.bash_history", "count": 1, "evidence": [] }, { "key": "/var/log/wtmp", "count": 1, "evidence": [] } ],
          "pathCreated": [ { "key": "/run/sshd.pid", "count": 1, "evidence": [] } ],
          "socketFamily": [ { "key": "AF_INET", "count": 2, "evidence": [] } ],
          "boundAddress": [ { "key": "AF_INET 0.0.0.0:22", "count": 1, "evidence": [] } ]
        }
        """;

    private static Observations Sshd => Observations.FromFindingsJson(SshdFindings);

    [Fact]
    public void Sshd_is_recognised_from_its_pam_session_stack_and_the_trace_and_its_sessions_leave_the_cgroup()
    {
        var session = SessionService.Recognise("ssh.service", null, ["/usr/sbin/sshd"], PamStacks.Parse(DebianPam), Sshd).ShouldNotBeNull();
        session.SessionsLeaveTheCgroup.ShouldBeTrue();
        session.Evidence[0].ShouldStartWith("sshd has a PAM session stack: /etc/pam.d/sshd (pam_selinux.so, pam_loginuid.so, pam_permit.so");
        session.Evidence.ShouldContain(e => e.Contains("switch of user (setresuid(), setgroups())") && e.Contains("login shell's start-up (/etc/profile)"));
    }

    [Fact]
    public void Cron_jobs_stay_in_the_units_cgroup_without_pam_systemd_and_a_name_alone_is_a_hint()
    {
        var cron = SessionService.Recognise("cron.service", null, ["/usr/sbin/cron"], PamStacks.Parse(DebianPam), Observations.None).ShouldNotBeNull();
        cron.SessionsLeaveTheCgroup.ShouldBeFalse();
        SessionService.Recognise("atd.service", null, ["/usr/sbin/atd"], PamStacks.None, Observations.None)!.Evidence
            .ShouldBe(["atd is known to start other users' sessions or jobs"]);
        SessionService.Recognise("user@0.service", "systemd-user", ["/lib/systemd/systemd"], PamStacks.None, Observations.None)!.Evidence
            .ShouldBe(["the unit opens a PAM session itself (PAMName=systemd-user)"]);
        SessionService.Recognise("nginx.service", null, ["/usr/sbin/nginx"], PamStacks.Parse(DebianPam), Observations.None).ShouldBeNull();
    }

    [Fact]
    public void For_sshd_everything_a_session_inherits_is_off_with_what_it_would_do_and_only_cgroup_scoped_directives_stay_on()
    {
        var session = SessionService.Recognise("ssh.service", null, ["/usr/sbin/sshd"], PamStacks.Parse(DebianPam), Sshd);
        var proposals = Resolver.Propose(Sshd, CurrentHardening.Nothing, ["/usr/sbin/sshd"], context: new UnitContext("ssh.service", Session: session));

        proposals.Where(p => p.DefaultOn).Select(p => p.Directive).ShouldBe(["DevicePolicy"]);
        var nnp = proposals.Single(p => p.Directive == "NoNewPrivileges");
        nnp.Reason.ShouldBe("reaches into the sessions ssh.service starts: sudo, su and every setuid program would stop raising privileges");
        nnp.Evidence[0].ShouldStartWith("session service: sshd has a PAM session stack");
        proposals.Single(p => p.Directive == "DevicePolicy").Reason.ShouldEndWith("pam_systemd moves each one into a scope of its own, out of this cgroup");
        SessionRules.Summary(session!, proposals).ShouldContain("only the safe part stays on: DevicePolicy=");
    }

    [Fact]
    public void Without_pam_systemd_nothing_stays_on_for_cron()
    {
        var session = SessionService.Recognise("cron.service", null, ["/usr/sbin/cron"], PamStacks.Parse(DebianPam), Sshd);
        var proposals = Resolver.Propose(Sshd, CurrentHardening.Nothing, ["/usr/sbin/cron"], context: new UnitContext("cron.service", Session: session));
        proposals.ShouldAllBe(p => !p.DefaultOn);
        SessionRules.Summary(session!, proposals).ShouldEndWith("nothing else is safe for the sessions");
    }

    [Fact]
    public void Exec_and_write_lists_never_carry_a_login_shells_start_up_or_a_home_unless_the_service_lives_there()
    {
        var proposals = Resolver.Propose(Sshd, CurrentHardening.Nothing, ["/usr/sbin/sshd"]);
        var noExec = proposals.Single(p => p.Directive == "NoExecPaths");
        noExec.DefaultOn.ShouldBeFalse();
        noExec.Reason.ShouldStartWith("a login shell or a program in a home directory ran during the trace");
        noExec.Evidence.ShouldContain(e => e.StartsWith("/root/bin/prompt-helper"));
        var protect = proposals.Single(p => p.Directive == "ProtectSystem");
        protect.Lines.ShouldHaveSingleItem().Line.ShouldBe("ProtectSystem=full");
        protect.Evidence.ShouldContain(e => e.StartsWith("/root/.bash_history"));

        var livesThere = Resolver.Propose(Observations.FromFindingsJson(SshdFindings.Replace("/etc/profile", "/etc/app.conf").Replace("/root/.bashrc", "/etc/x")),
            CurrentHardening.Nothing, ["/root/bin/prompt-helper"]);
        livesThere.Single(p => p.Directive == "NoExecPaths").Lines[1].Value.ShouldContain("-/root/bin/prompt-helper");
        livesThere.Single(p => p.Directive == "ProtectSystem").Lines[1].Value.ShouldContain("-/root");
    }
}
