using HardenTui.Core.Overrides;
using HardenTui.Core.Wizard;
using HardenTui.Host.Exposure;
using HardenTui.Host.Process;
using HardenTui.Host.Tracing;
using HardenTui.Tui.AppHost;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace HardenTui.Host.Tests.Apply;

/// <summary>
/// Issue 14's lock-out, for real: after `apply ssh.service --auto` and after the wizard's defaults, an admin still
/// logs in over SSH and does admin work — writes under /etc, runs a program the trace never saw, adds and removes
/// a user, su, and sudo as a non-root sudoer. Nothing the sessions inherit may be in the drop-in.
/// </summary>
[Collection("session-sandbox")]
public class SessionServiceInSandboxTests(SessionSandboxFixture sandbox, ITestOutputHelper output)
{
    private const string Unit = "ssh.service";
    private static readonly string Probe = SessionSandboxFixture.Ssh("root") + " true";
    private static readonly string[] Inherited = ["NoNewPrivileges", "NoExecPaths", "ExecPaths", "ProtectSystem", "ProtectHome", "CapabilityBoundingSet",
        "SystemCallFilter", "ReadWritePaths", "PrivateTmp", "RestrictSUIDSGID", "RestrictAddressFamilies", "PrivateDevices"];

    private string DropInFile => sandbox.HostPath("/" + DropInPaths.PersistentFile(Unit));

    /// <summary>What an admin does over SSH: as root, and as a sudoer. Each line prints a marker the test expects.</summary>
    private async Task AdminWorkAsync()
    {
        (await sandbox.ShAsync(SessionSandboxFixture.Ssh("root") + " 'set -e; echo proof > /etc/hardentui-session-proof; rm /etc/hardentui-session-proof; echo wrote-etc;" +
            " cksum /etc/hostname >/dev/null; echo ran-unseen; useradd -M hardentui-tmp; userdel hardentui-tmp; echo user-admin;" +
            " su -s /bin/sh -c \"id -un\" nobody'")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe(["wrote-etc", "ran-unseen", "user-admin", "nobody"]);
        (await sandbox.ShAsync(SessionSandboxFixture.Ssh("admin") + " 'set -e; sudo -n sh -c \"echo x > /etc/hardentui-sudo-proof && rm /etc/hardentui-sudo-proof\"; sudo -n id -u'"))
            .Trim().ShouldBe("0");
    }

    private async Task RemoveDropInAsync() =>
        await sandbox.ShAsync($"rm -f /{DropInPaths.PersistentFile(Unit)}; systemctl daemon-reload; systemctl restart {Unit}");

    [Fact]
    public async Task Apply_auto_on_ssh_applies_only_what_sessions_do_not_inherit_and_an_admin_still_works_over_ssh()
    {
        await AdminWorkAsync();
        try
        {
            var apply = await sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [typeof(HardenTui.Cli.CliApp).Assembly.Location,
                "apply", Unit, "--auto", "--yes", "--probe", Probe, "--trace-seconds", "8", "--soak", "3"], Timeout: TimeSpan.FromMinutes(5)));
            output.WriteLine(apply.Stderr);

            apply.ExitCode.ShouldBe(0, apply.Stderr);
            apply.Stderr.ShouldContain($"hardentui: {Unit} starts other users' sessions or jobs (sshd has a PAM session stack: /etc/pam.d/sshd");
            apply.Stderr.ShouldContain("NoNewPrivileges=");
            if (File.Exists(DropInFile))
            {
                var dropIn = DropIn.Parse(Unit, await File.ReadAllTextAsync(DropInFile));
                output.WriteLine(dropIn.Render(DateTimeOffset.UnixEpoch));
                dropIn.Directives.Select(d => d.Name).ShouldNotContain(n => Inherited.Contains(n));
                apply.Stderr.ShouldContain("only the safe part stays on");
                apply.Stderr.ShouldContain($"{Unit} is hardened and working");
            }
            else apply.Stderr.ShouldContain("nothing written: no directive is safe for the sessions");
            await AdminWorkAsync();
        }
        finally
        {
            await RemoveDropInAsync();
        }
    }

    [Fact]
    public async Task The_wizards_defaults_on_ssh_say_why_they_leave_the_sessions_alone_and_an_admin_still_works_over_ssh()
    {
        var tracer = new StraceWrapperTracer(sandbox.Systemd, sandbox.Runner);
        var trace = await tracer.StartAsync(Unit, new TraceOptions { InterpreterOf = new ExecutableInterpreters().Of });
        await sandbox.ShAsync(SessionSandboxFixture.Ssh("root") + " 'echo traced-login'");
        var findings = await trace.StopAsync();
        await trace.DisposeAsync();
        var props = await sandbox.Systemd.GetPropertiesAsync(Unit);
        var info = await new ExposureHost(sandbox.Runner, sandbox.Systemd).LoadedAsync(Unit, forPreview: true);

        var levels = await ResolverProposals.ForAsync(props, info, findings, sandbox.Runner, CancellationToken.None);

        var toggles = levels.SelectMany(l => l.Directives).ToList();
        var nnp = toggles.Single(t => t.Name == "NoNewPrivileges");
        nnp.On.ShouldBeFalse();
        nnp.Explanation.ShouldBe($"reaches into the sessions {Unit} starts: sudo, su and every setuid program would stop raising privileges");
        var on = toggles.Where(t => t.On).ToList();
        on.Select(t => t.Name).ShouldNotContain(n => Inherited.Contains(n));
        if (on.Count == 0) return;
        try
        {
            var msgs = new List<Msg>();
            await new ApplyEffects(sandbox.Systemd, sandbox.Runner, sandbox.Sandbox.RootPath, TimeSpan.FromSeconds(3))
                .ApplyAsync(new Cmd.Apply(Unit, on, Probe), m => { lock (msgs) msgs.Add(m); }, CancellationToken.None);
            var steps = msgs.OfType<Msg.ApplyProgress>().Last().Steps;
            output.WriteLine(string.Join('\n', steps));
            msgs.OfType<Msg.ApplyFinished>().Single().ShouldBe(new Msg.ApplyFinished(true, false));
            steps.Single(s => s.Name == "soak").Status.ShouldBe(StepStatus.Done);
            await AdminWorkAsync();
        }
        finally
        {
            await RemoveDropInAsync();
        }
    }
}
