using HardenTui.Core.Export;
using HardenTui.Core.Profiles;
using HardenTui.Host.Export;
using HardenTui.Host.Process;
using HardenTui.Host.Profiles;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace HardenTui.Host.Tests.Export;

/// <summary>
/// Learn on one sandbox (apply the nginx profile with the CLI, export it), run the exported Ansible task list with
/// Debian's ansible-playbook on a fresh one, and compare: the same effective unit, the same hardening, still serving.
/// </summary>
[Collection("export")]
public class AnsibleExportInSandboxTests(ExportSandboxes sandboxes, ITestOutputHelper output)
{
    private const string Nginx = "nginx.service";
    private const string Probe = "curl -fsS -o /dev/null http://127.0.0.1/";
    private static readonly string Cli = typeof(HardenTui.Cli.CliApp).Assembly.Location;

    [Fact]
    public async Task Exported_task_list_gives_a_fresh_host_the_same_effective_unit_and_reruns_without_a_restart()
    {
        var learned = sandboxes.Learned;
        var none = await HardenTuiAsync(learned, $"export {Nginx} --format ansible");
        none.ExitCode.ShouldBe(2);
        none.Stderr.Trim().ShouldBe($"hardentui: {Nginx} has no HardenTui drop-in applied (/etc/systemd/system/{Nginx}.d/90-hardentui.conf); apply one first or export --proposed");

        (await HardenTuiAsync(learned, $"apply {Nginx} --profile nginx --yes --settle-seconds 2")).ExitCode.ShouldBe(0);
        (await HardenTuiAsync(learned, $"export {Nginx} --format ansible --out /tmp/tasks.yml")).ExitCode.ShouldBe(0);
        var before = await EffectiveAsync(learned);
        before.Properties.ShouldContain("ProtectSystem=strict");

        var fleet = sandboxes.Fleet;
        File.Copy(learned.HostPath("/tmp/tasks.yml"), fleet.HostPath("/root/tasks.yml"), overwrite: true);
        await File.WriteAllTextAsync(fleet.HostPath("/root/play.yml"),
            "- hosts: localhost\n  gather_facts: true\n  tasks:\n    - ansible.builtin.import_tasks: tasks.yml\n");
        (await EffectiveAsync(fleet)).ShouldNotBe(before);

        var run = await PlaybookAsync(fleet);
        run.ShouldContain("failed=0");
        run.ShouldNotContain("learned on another kind of host"); // same systemd, kernel, arch; Debian 12.x is VERSION_ID 12

        var after = await EffectiveAsync(fleet);
        after.Unit.ShouldBe(before.Unit);
        after.Properties.ShouldBe(before.Properties);
        after.Exposure.ShouldBe(before.Exposure);
        await fleet.ShAsync(Probe);

        // A second run with a fingerprint from elsewhere warns, goes on, and leaves the running service alone.
        var tasks = await File.ReadAllTextAsync(fleet.HostPath("/root/tasks.yml"));
        await File.WriteAllTextAsync(fleet.HostPath("/root/tasks.yml"), tasks.Replace("      systemd: \"252\"", "      systemd: \"251\""));
        var pid = await fleet.ShAsync($"systemctl show -p MainPID --value {Nginx}");
        var again = await PlaybookAsync(fleet);
        again.ShouldContain("WARNING: the hardening of nginx.service was learned on another kind of host (systemd 251 there, 252 here; )");
        again.ShouldContain("changed=0");
        (await fleet.ShAsync($"systemctl show -p MainPID --value {Nginx}")).ShouldBe(pid);
        await fleet.ShAsync(Probe);
    }

    [Fact]
    public async Task Every_format_exports_from_the_proposal_and_apply_warns_about_a_drop_in_from_elsewhere()
    {
        var learned = sandboxes.Learned;
        var here = await FingerprintReader.ReadAsync(learned.Runner);
        var nothing = await HardenTuiAsync(learned, $"export {Nginx} --proposed --format dropin");
        nothing.ExitCode.ShouldBe(2);
        nothing.Stderr.ShouldStartWith($"hardentui: the drop-in for {Nginx} has no directives; nothing to export (without --findings");
        (await HardenTuiAsync(learned, $"trace {Nginx} --seconds 8 --probe '{Probe}' --json --out /tmp/findings.json")).ExitCode.ShouldBe(0);
        foreach (var format in new[] { "dropin", "ansible", "nixos", "yaml" })
            (await HardenTuiAsync(learned, $"export {Nginx} --proposed --findings /tmp/findings.json --format {format} --out /tmp/proposed.{format}")).ExitCode.ShouldBe(0);
        var profile = ProfileLoader.Load(await File.ReadAllTextAsync(learned.HostPath("/tmp/proposed.yaml")), "proposed.yaml");
        profile.Probe.ShouldBe(Probe); // the shipped nginx profile's probe, as nothing else was given
        HostFingerprint.Read(await File.ReadAllTextAsync(learned.HostPath("/tmp/proposed.nixos"))).ShouldBe(here);
        var dropIn = await File.ReadAllTextAsync(learned.HostPath("/tmp/proposed.dropin"));
        HostFingerprint.Read(dropIn).ShouldBe(here);
        var proposed = HardenTui.Core.Overrides.DropIn.Parse(Nginx, dropIn);
        proposed.Directives.ShouldContain(d => d.Name == "ProtectSystem");
        profile.ToDropIn(Nginx).Directives.Select(d => d.Line).Order().ShouldBe(proposed.Directives.Select(d => d.Line).Order());

        var elsewhere = (here with { Architecture = "aarch64" }).Stamp("[Service]\nPrivateTmp=yes\n");
        await File.WriteAllTextAsync(learned.HostPath("/tmp/elsewhere.conf"), elsewhere);
        try
        {
            var apply = await HardenTuiAsync(learned, $"apply {Nginx} --dropin /tmp/elsewhere.conf --yes --settle-seconds 1");
            apply.Stderr.ShouldContain("hardentui: warning: /tmp/elsewhere.conf was learned on another kind of host (architecture aarch64 there, x86_64 here)");
            apply.ExitCode.ShouldBe(0);
        }
        finally
        {
            (await HardenTuiAsync(learned, $"rollback {Nginx}")).ExitCode.ShouldBe(0);
        }
    }

    private async Task<ProcessResult> HardenTuiAsync(BootedSandbox sandbox, string args)
    {
        var r = await sandbox.Runner.RunAsync(new ProcessSpec("sh", ["-c", $"dotnet {Cli} {args}"], Timeout: TimeSpan.FromMinutes(3)));
        output.WriteLine($"$ hardentui {args}  -> exit {r.ExitCode}\n{r.Stderr}");
        return r;
    }

    private async Task<string> PlaybookAsync(BootedSandbox fleet)
    {
        var r = await fleet.Runner.RunAsync(new ProcessSpec("sh", ["-c",
            "cd /root && LC_ALL=C.UTF-8 ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=0 ansible-playbook -c local -i localhost, play.yml"], Timeout: TimeSpan.FromMinutes(5)));
        output.WriteLine(r.Stdout + r.Stderr);
        r.ExitCode.ShouldBe(0, r.Stdout + r.Stderr);
        return r.Stdout;
    }

    /// <summary>`systemctl cat` without its "# /path" file headers, the drop-in's directives as systemctl show reads them, the exposure.</summary>
    private static async Task<(string Unit, string Properties, string Exposure)> EffectiveAsync(BootedSandbox sandbox)
    {
        var cat = await sandbox.ShAsync($"systemctl cat {Nginx}");
        var names = string.Join(',', ProfileNames);
        return (string.Join('\n', cat.Split('\n').Where(l => !l.StartsWith("# /"))),
            await sandbox.ShAsync($"systemctl show -p {names} {Nginx}"),
            (await sandbox.ShAsync($"systemd-analyze security {Nginx} | tail -1")).Trim());
    }

    /// <summary>Every directive the shipped nginx profile sets (what the learned sandbox applies).</summary>
    private static IEnumerable<string> ProfileNames =>
        ProfileLibrary.Shipped()!.Named("nginx").Directives.Select(d => d.Name);
}
