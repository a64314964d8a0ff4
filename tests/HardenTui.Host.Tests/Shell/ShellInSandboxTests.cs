using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Shell;

/// <summary>
/// `hardentui shell` as a learner runs it (the CLI inside the sandbox, no terminal, so `-- COMMAND` with --pipe):
/// the transient unit really has the service's sandbox plus the drop-in or the proposal — writes, executions and
/// the view of /home are refused or hidden by systemd itself, and what systemd 252 refuses is named.
/// </summary>
[Collection("sandbox")]
public class ShellInSandboxTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task Under_ProtectSystem_strict_etc_is_read_only_and_ReadWritePaths_is_writable()
    {
        await sandbox.ShAsync("printf '[Service]\\nProtectSystem=strict\\nReadWritePaths=/var/log/nginx\\n' > /tmp/learners-strict.conf");

        var r = await CliAsync("shell", "nginx", "--with-dropin", "/tmp/learners-strict.conf", "--",
            "sh", "-c", "touch /etc/learners-x; echo etc=$?; touch /var/log/nginx/learners-x; echo log=$?");

        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["etc=1", "log=0"]);
        r.Stderr.ShouldContain("Read-only file system");
        File.Exists(sandbox.HostPath("/etc/learners-x")).ShouldBeFalse();
        File.Exists(sandbox.HostPath("/var/log/nginx/learners-x")).ShouldBeTrue();
        await sandbox.ShAsync("rm -f /var/log/nginx/learners-x /tmp/learners-strict.conf");
    }

    [Fact]
    public async Task Under_NoExecPaths_the_shell_runs_but_a_program_outside_ExecPaths_does_not()
    {
        await sandbox.ShAsync("printf '[Service]\\nNoExecPaths=/\\nExecPaths=/usr/sbin/nginx\\n' > /tmp/learners-noexec.conf");

        var r = await CliAsync("shell", "nginx", "--with-dropin", "/tmp/learners-noexec.conf", "--",
            "sh", "-c", "echo shell-runs; /usr/bin/id; exit $?");

        r.Stdout.ShouldContain("shell-runs");
        r.ExitCode.ShouldBe(126, r.Stderr); // the shell's "found but cannot execute": id is outside ExecPaths=
        r.Stderr.ShouldContain("/usr/bin/id: Permission denied");
        r.Stderr.ShouldContain("added ExecPaths=/usr/bin/sh"); // said, with why
        await sandbox.ShAsync("rm -f /tmp/learners-noexec.conf");
    }

    [Fact]
    public async Task With_the_proposal_for_nginx_home_is_empty()
    {
        await sandbox.ShAsync("mkdir -p /home/learner && touch /home/learner/secret");
        try
        {
            var trace = await CliAsync("trace", "nginx.service", "--seconds", "8", "--probe", "curl -fsS http://127.0.0.1/ >/dev/null",
                "--json", "--out", "/tmp/learners-findings.json");
            trace.ExitCode.ShouldBe(0, trace.Stderr);
            var proposal = await CliAsync("propose", "nginx.service", "--findings", "/tmp/learners-findings.json");
            proposal.Stdout.ShouldContain("ProtectHome=yes");

            var r = await CliAsync("shell", "nginx", "--proposed", "--findings", "/tmp/learners-findings.json", "--", "ls", "-A", "/home");

            r.ExitCode.ShouldBe(0, r.Stderr);
            r.Stdout.Trim().ShouldBeEmpty();
            (await sandbox.ShAsync("ls -A /home")).ShouldContain("learner"); // outside the shell it is there
            r.Stderr.ShouldContain("with the proposal");
            (await sandbox.ShAsync("systemctl is-active nginx.service")).Trim().ShouldBe("active");
        }
        finally
        {
            await sandbox.ShAsync("rm -rf /home/learner /tmp/learners-findings.json");
        }
    }

    [Fact]
    public async Task What_systemd_252_cannot_apply_to_a_transient_unit_is_named_and_the_rest_applies()
    {
        // A value systemd-run cannot parse reaches the shell through the unit's own files (a given drop-in is
        // validated before anything runs, and that validation takes ProtectControlGroups= for a boolean), so
        // both sit in an override the admin wrote.
        const string Override = "/etc/systemd/system/nginx.service.d/learners-override.conf";
        await sandbox.ShAsync("printf '[Service]\\nPrivatePIDs=yes\\nProtectHome=tmpfs\\nRemoveIPC=yes\\n' > /tmp/learners-new.conf" +
            $" && mkdir -p /home/learner /etc/systemd/system/nginx.service.d && printf '[Service]\\nProtectControlGroups=strict\\nProtectKernelLogs=maybe\\n' > {Override} && systemctl daemon-reload");
        try
        {
            var r = await CliAsync("shell", "nginx", "--with-dropin", "/tmp/learners-new.conf", "--", "ls", "-A", "/home");

            r.ExitCode.ShouldBe(0, r.Stderr);
            r.Stdout.Trim().ShouldBeEmpty(); // ProtectHome=tmpfs applied
            // Known from the catalog's versions, before systemd-run is asked:
            r.Stderr.ShouldContain("not applied: PrivatePIDs=yes — systemd 252 does not know it (PrivatePIDs= needs systemd 257, the target has 252)");
            r.Stderr.ShouldContain("not applied: ProtectControlGroups=strict — systemd 252 does not know it (ProtectControlGroups=strict needs systemd 257, the target has 252)");
            // Refused by systemd-run itself, in its words, and the rest started without it:
            r.Stderr.ShouldContain("not applied: ProtectKernelLogs=maybe — systemd 252 refused it for a transient unit (");
            r.Stderr.ShouldContain("not applied: RemoveIPC=yes — when the shell exits it would delete");
        }
        finally
        {
            await sandbox.ShAsync($"rm -rf /home/learner /tmp/learners-new.conf {Override} && systemctl daemon-reload");
        }
    }

    [Fact]
    public async Task Redis_as_it_is_runs_as_redis_and_cannot_run_its_tools()
    {
        var r = await CliAsync("shell", "redis-server", "--", "sh", "-c", "echo uid=$(id -u); read x < /proc/1/environ && echo environ=readable || echo environ=refused");

        r.Stderr.ShouldContain("runs as redis:redis");
        r.Stderr.ShouldContain("id: Permission denied"); // Debian's unit: NoExecPaths=/ ExecPaths=/usr/bin/redis-server /usr/lib /lib
        r.Stdout.ShouldContain("environ=refused"); // pid 1's environment is root's, not readable to redis
        (await sandbox.ShAsync("systemctl is-active redis-server.service && test -d /run/redis && echo kept")).ShouldContain("kept");
    }

    [Fact]
    public async Task A_program_the_shell_also_has_as_a_builtin_is_found_in_PATH()
    {
        // `command -v true` answers the builtin's bare name, and `shell nginx -- true` was refused as not in PATH.
        var r = await CliAsync("shell", "nginx", "--", "true");

        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldNotContain("no such program");
    }

    [Fact]
    public async Task As_a_user_it_says_in_one_line_that_it_needs_root()
    {
        var r = await sandbox.Runner.RunAsync(new ProcessSpec("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--",
            "dotnet", typeof(HardenTui.Cli.CliApp).Assembly.Location, "shell", "nginx", "--", "/usr/bin/true"], Timeout: TimeSpan.FromMinutes(3)));

        r.ExitCode.ShouldBe(2, r.Stderr);
        r.Stderr.ShouldBe("hardentui: shell starts a transient unit and needs root (run it with sudo); nothing was done\n");
    }

    private Task<ProcessResult> CliAsync(params string[] args) =>
        sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [typeof(HardenTui.Cli.CliApp).Assembly.Location, .. args], Timeout: TimeSpan.FromMinutes(3)));
}
