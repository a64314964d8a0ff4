using System.Text.Json;
using HardenTui.Core.Overrides;
using HardenTui.Core.Tracing;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Apply;

/// <summary>
/// Real hardentui processes inside the sandbox: one per unit at a time (the lock), recovery before a read (analyze),
/// and an unprivileged user (nobody) refused up front with nothing written.
/// </summary>
[Collection("sandbox")]
public class ConcurrencyInSandboxTests(SandboxFixture sandbox)
{
    private const string Nginx = "nginx.service";
    private static string Cli => typeof(HardenTui.Cli.CliApp).Assembly.Location;

    private Task<ProcessResult> RunAsync(params string[] args) =>
        sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [Cli, .. args], Timeout: TimeSpan.FromMinutes(2)));

    private Task<ProcessResult> RunAsNobodyAsync(params string[] args) =>
        sandbox.Runner.RunAsync(new ProcessSpec("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
            "env", "HOME=/tmp", "DOTNET_CLI_TELEMETRY_OPTOUT=1", "dotnet", Cli, .. args], Timeout: TimeSpan.FromMinutes(2)));

    private static void OneLineExit2(ProcessResult r, string expected)
    {
        r.ExitCode.ShouldBe(2, r.Stderr);
        r.Stderr.TrimEnd('\n').ShouldNotContain("\n");
        r.Stderr.ShouldContain(expected);
    }

    [Fact]
    public async Task A_second_hardentui_on_the_same_unit_is_refused_naming_the_first()
    {
        await sandbox.ShAsync("printf '[Service]\\nProtectHome=yes\\n' > /tmp/lock.conf");
        var ours = sandbox.HostPath("/" + DropInPaths.PersistentFile(Nginx));
        using var first = sandbox.Runner.Start(new ProcessSpec("sh", ["-c",
            $"echo $$ > /tmp/first.pid; exec dotnet {Cli} apply {Nginx} --dropin /tmp/lock.conf --yes --settle-seconds 120"]));
        try
        {
            for (var i = 0; i < 600 && !File.Exists(ours); i++) await Task.Delay(100);
            File.Exists(ours).ShouldBeTrue("the first apply never wrote its drop-in");
            var pid = (await sandbox.ShAsync("cat /tmp/first.pid")).Trim();
            var written = await File.ReadAllTextAsync(ours);

            OneLineExit2(await RunAsync("apply", Nginx, "--dropin", "/tmp/lock.conf", "--yes"), $"{Nginx} is in use by hardentui PID {pid} (apply), started ");
            OneLineExit2(await RunAsync("rollback", Nginx), $"in use by hardentui PID {pid}");
            OneLineExit2(await RunAsync("trace", Nginx, "--seconds", "1"), $"in use by hardentui PID {pid}");
            // The wizard's trace takes the same lock, for the methods that leave the unit alone (attach, audit) too (the
            // container's /run is a tmpfs of its own: its locks are reached through the leader's root).
            var posted = new List<HardenTui.Core.Wizard.Msg>();
            var wizardTrace = () => new HardenTui.Tui.AppHost.TraceEffects(sandbox.Systemd, sandbox.Runner, $"/proc/{sandbox.Sandbox.LeaderPid}/root")
                .RunAsync(new HardenTui.Core.Wizard.Cmd.StartTrace(Nginx, "attach", "", 2), posted.Add, CancellationToken.None);
            (await Should.ThrowAsync<HardenTui.Core.BadInputException>(wizardTrace)).Message.ShouldContain($"in use by hardentui PID {pid}");
            posted.ShouldBeEmpty();
            (await File.ReadAllTextAsync(ours)).ShouldBe(written, "the refused runs changed nothing");
        }
        finally
        {
            await sandbox.ShAsync("kill -9 $(cat /tmp/first.pid) 2>/dev/null || true");
            await first.Exited;
        }
        // The kernel released the lock with the killed process; the next start recovers and may take it.
        var next = await RunAsync("rollback", Nginx);
        next.ExitCode.ShouldBe(0, next.Stderr);
        next.Stderr.ShouldContain("undid an interrupted apply of nginx.service");
        File.Exists(ours).ShouldBeFalse();
        (await sandbox.ShAsync($"systemctl is-active {Nginx}")).Trim().ShouldBe("active");
    }

    [Fact]
    public async Task Analyze_runs_recovery_first_and_an_unprivileged_user_is_told_one_is_pending()
    {
        // An interrupted trace as a killed hardentui leaves it: a runtime drop-in, its trace directory, a journal record whose owner is gone.
        var runtime = "/" + DropInPaths.RuntimeFile(Nginx, StraceDropIn.FileName);
        await sandbox.ShAsync($"mkdir -p {Path.GetDirectoryName(runtime)} /run/hardentui-trace/{Nginx} && printf '[Service]\\nEnvironment=HARDENTUI_LEFTOVER=1\\n' > {runtime}"
            + $" && echo x > /run/hardentui-trace/{Nginx}/trace.1 && systemctl daemon-reload && systemctl restart {Nginx}");
        var record = new JournalRecord($"20260101T000000-trace-{Guid.NewGuid():N}", "trace", Nginx, 999_999, "1", true, DateTimeOffset.UtcNow,
            [new FileSnapshot(runtime.TrimStart('/'), null)]);
        var journalDir = sandbox.HostPath("/" + DropInPaths.JournalDirectory);
        Directory.CreateDirectory(journalDir);
        await File.WriteAllTextAsync(Path.Combine(journalDir, record.Id + ".json"), JsonSerializer.Serialize(record));

        var unprivileged = await RunAsNobodyAsync("analyze", Nginx);
        unprivileged.Stderr.ShouldContain($"a recovery is pending: an interrupted trace of {Nginx}");
        (await sandbox.ShAsync($"test -e {runtime} && echo yes")).Trim().ShouldBe("yes", "nobody cannot undo it");

        var r = await RunAsync("analyze", Nginx);

        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldContain($"undid an interrupted trace of {Nginx}");
        (await sandbox.ShAsync($"test -e {runtime} || echo gone")).Trim().ShouldBe("gone");
        (await sandbox.ShAsync($"test -e /run/hardentui-trace/{Nginx} || echo gone")).Trim().ShouldBe("gone");
        (await sandbox.ShAsync($"systemctl show -p Environment --value {Nginx}")).ShouldNotContain("HARDENTUI_LEFTOVER");
        Directory.GetFiles(journalDir).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("apply", "--dropin", "/tmp/nobody.conf", "--yes")]
    [InlineData("rollback")]
    [InlineData("trace", "--seconds", "1")]
    [InlineData("export", "--format", "dropin", "--proposed", "--out", "/etc/systemd/system/nobody-export.conf")]
    public async Task An_unprivileged_user_is_refused_first_with_one_line_and_nothing_written(string command, params string[] rest)
    {
        await sandbox.ShAsync("printf '[Service]\\nProtectHome=yes\\n' > /tmp/nobody.conf && chmod 644 /tmp/nobody.conf");
        var before = await sandbox.ShAsync($"ls -la --time-style=full-iso /etc/systemd/system /etc/systemd/system/{Nginx}.d 2>/dev/null; systemctl show -p MainPID --value {Nginx}");

        var r = await RunAsNobodyAsync([command, Nginx, .. rest]);

        OneLineExit2(r, command == "export" ? "cannot write in /etc/systemd/system" : "needs root");
        r.Stderr.ShouldNotContain("Exception");
        (await sandbox.ShAsync($"ls -la --time-style=full-iso /etc/systemd/system /etc/systemd/system/{Nginx}.d 2>/dev/null; systemctl show -p MainPID --value {Nginx}")).ShouldBe(before);
    }
}
