using HardenTui.Core.Overrides;
using HardenTui.Core.Wizard;
using HardenTui.Tui.AppHost;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Tui;

/// <summary>
/// The wizard's apply screen against nginx in the real sandbox systemd: a breaking directive fails the restart,
/// the previous state comes back (rollback shown as a step), and bisect names the directive with real restarts,
/// then restores; a working set is applied with every step done and the drop-in stamped.
/// </summary>
[Collection("sandbox")]
public class WizardApplyInSandboxTests(SandboxFixture sandbox)
{
    private const string Nginx = "nginx.service";
    private const string Probe = "curl -sf http://127.0.0.1/ >/dev/null";

    private static DirectiveToggle Toggle(string name, string value) => new(name, value, true, false, "test", [], 0);

    private static readonly DirectiveToggle[] Working = [Toggle("PrivateTmp", "yes"), Toggle("ProtectHome", "yes"), Toggle("LockPersonality", "yes")];
    // Breaks nginx without a seccomp kill: the kernel log is shared by every container on the machine, and a SIGSYS of
    // /usr/sbin/nginx here would be a denial in the soak of a test hardening nginx in another sandbox at the same time.
    private static readonly DirectiveToggle[] Breaking = [.. Working, Toggle("RestrictAddressFamilies", "AF_UNIX")];

    private ApplyEffects Effects() => new(sandbox.Systemd, sandbox.Runner, sandbox.Sandbox.RootPath, TimeSpan.FromSeconds(2));

    private string DropInFile => sandbox.HostPath("/" + DropInPaths.PersistentFile(Nginx));

    private async Task ShouldBeAsBeforeAsync()
    {
        File.Exists(DropInFile).ShouldBeFalse();
        (await sandbox.ShAsync($"systemctl is-active {Nginx}")).Trim().ShouldBe("active");
        (await sandbox.ShAsync("curl -sf http://127.0.0.1/ >/dev/null && echo serves")).Trim().ShouldBe("serves");
        Directory.GetFiles(sandbox.HostPath("/" + DropInPaths.JournalDirectory)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_breaking_set_is_rolled_back_and_bisect_names_the_directive_then_restores()
    {
        await sandbox.ShAsync($"systemctl restart {Nginx}");
        var msgs = new List<Msg>();
        await Effects().ApplyAsync(new Cmd.Apply(Nginx, Breaking, Probe), m => { lock (msgs) msgs.Add(m); }, CancellationToken.None);

        msgs.OfType<Msg.ApplyFinished>().Single().ShouldBe(new Msg.ApplyFinished(false, true));
        var steps = msgs.OfType<Msg.ApplyProgress>().Last().Steps;
        steps.Single(s => s.Name == "write").Status.ShouldBe(StepStatus.Done);
        steps.ShouldContain(s => s.Status == StepStatus.Failed);
        steps.Single(s => s.Name == "rollback").ShouldBe(new ApplyStepView("rollback", StepStatus.Done, "previous state restored and restarted"));
        await ShouldBeAsBeforeAsync();

        msgs.Clear();
        await Effects().BisectAsync(new Cmd.Bisect(Nginx, Breaking, Probe), m => { lock (msgs) msgs.Add(m); }, CancellationToken.None);

        msgs.OfType<Msg.BisectProgress>().ShouldNotBeEmpty();
        msgs.OfType<Msg.Failed>().ShouldBeEmpty();
        msgs.OfType<Msg.BisectFinished>().Single().Culprit.ShouldBe("RestrictAddressFamilies=AF_UNIX");
        await ShouldBeAsBeforeAsync();
    }

    [Fact]
    public async Task A_unit_changed_since_the_review_is_not_written_and_the_new_text_comes_back()
    {
        var now = await sandbox.Systemd.CatAsync(Nginx);
        var pid = (await sandbox.ShAsync($"systemctl show -p MainPID --value {Nginx}")).Trim();
        var msgs = new List<Msg>();

        await Effects().ApplyAsync(new Cmd.Apply(Nginx, Working, Probe, Seen: now + "# the unit as the review saw it, before someone changed it\n"),
            m => { lock (msgs) msgs.Add(m); }, CancellationToken.None);

        msgs.Single().ShouldBe(new Msg.UnitEditedSinceReview(Nginx, now));
        File.Exists(DropInFile).ShouldBeFalse();
        (await sandbox.ShAsync($"systemctl show -p MainPID --value {Nginx}")).Trim().ShouldBe(pid, "not restarted");
    }

    [Fact]
    public async Task A_working_set_is_applied_with_every_step_done_and_the_drop_in_stamped()
    {
        var msgs = new List<Msg>();
        try
        {
            await Effects().ApplyAsync(new Cmd.Apply(Nginx, Working, Probe), m => { lock (msgs) msgs.Add(m); }, CancellationToken.None);

            msgs.OfType<Msg.ApplyFinished>().Single().ShouldBe(new Msg.ApplyFinished(true, false));
            msgs.OfType<Msg.ApplyProgress>().Last().Steps.Select(s => (s.Name, s.Status)).ShouldBe(
            [
                ("write", StepStatus.Done), ("daemon-reload", StepStatus.Done), ("restart", StepStatus.Done),
                ("settle", StepStatus.Done), ("probe", StepStatus.Done), ("journal scan", StepStatus.Done),
                ("reload", StepStatus.Done), ("soak", StepStatus.Done),
            ]);
            var text = await File.ReadAllTextAsync(DropInFile);
            text.ShouldContain("# Learned on: systemd=252 ");
            text.ShouldContain("LockPersonality=yes");
            (await sandbox.ShAsync($"systemctl show -p ProtectHome --value {Nginx}")).Trim().ShouldBe("yes");
        }
        finally
        {
            await sandbox.ShAsync($"rm -f /{DropInPaths.PersistentFile(Nginx)}; systemctl daemon-reload; systemctl restart {Nginx}");
        }
    }
}
