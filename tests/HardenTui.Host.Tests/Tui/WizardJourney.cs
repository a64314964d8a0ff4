using HardenTui.Core.Exposure;
using HardenTui.Host.Exposure;
using HardenTui.Host.Process;
using Shouldly;

namespace HardenTui.Host.Tests.Tui;

/// <summary>
/// A user's whole hardening of nginx in the real wizard in a real terminal (tmux inside the sandbox, with the
/// runner's LC_ALL=C, so in its ASCII fallback), on whichever systemd the sandbox boots: pick nginx from the list
/// with the filter, trace it with a curl probe, accept the proposals, go to the review by clicking its key in the
/// key bar (a raw SGR mouse click, as a terminal sends it), hand the drop-in to $EDITOR and come back, apply
/// (bisecting first if the defaults break it); then, outside the wizard, check the drop-in is stamped with this
/// systemd, nginx was really restarted with it and still serves, exposure dropped, and `hardentui rollback` puts
/// everything back. The 252 and 257 tests are this one journey.
/// </summary>
internal static class WizardJourney
{
    private const string Unit = "nginx.service";
    private const string Probe = "curl -fsS http://localhost/ >/dev/null";
    private const string DropInDir = "/etc/systemd/system/nginx.service.d";
    private const string DropIn = DropInDir + "/90-hardentui.conf";
    private const string EditorSawTty = "/tmp/hardentui-editor-saw-a-tty";

    /// <param name="systemdVersion">The sandbox's systemd: the drop-in must be stamped with it.</param>
    /// <param name="expectedLines">Lines the wizard's proposals must have written for this systemd (e.g. 257's values).</param>
    public static async Task HardenNginxAsync(BootedSandbox sandbox, string session, int systemdVersion, int columns, int rows,
        IReadOnlyList<string> expectedLines)
    {
        var screen = new TmuxScreen(sandbox, session);
        var exposure = new ExposureHost(sandbox.Runner, sandbox.Systemd);
        var before = ExposureScorer.Score(await exposure.LoadedAsync(Unit)).ExposureTenths;
        var startedBefore = await StartedAtAsync(sandbox);
        // Another test of the sandbox may have left its own override in nginx.service.d/: then rollback must keep the folder.
        var dirBefore = Directory.Exists(sandbox.HostPath(DropInDir));
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        // The editor proves it had the terminal (stdin is the tty) and leaves the drop-in as it was.
        var editor = $"test -t 0 && touch {EditorSawTty}; true";
        await sandbox.ShAsync($"rm -f {EditorSawTty}");
        await screen.StartAsync(columns, rows, $"EDITOR='{editor}' {Environment.ProcessPath} {app} --soak 5; sleep 60");
        try
        {
            // pick
            await screen.WaitForAsync(@"nginx +active", 60);
            await screen.Keys("/");
            await screen.Type("nginx");
            await screen.Keys("Enter");
            await screen.WaitForAsync(@"/nginx +1 of \d+", 10);
            await screen.Keys("Enter");
            await screen.WaitForAsync(@"Exposure \d\.\d [A-Z]+", 60);
            // trace
            await screen.Keys("t");
            await screen.WaitForAsync("strace ", 30);
            await screen.Keys("p");
            await screen.Type(Probe);
            await screen.Keys("Enter", "s");
            await screen.WaitForAsync("tracing", 30);
            await screen.WaitForAsync("finished", 90);
            // levels, review by a mouse click, the $EDITOR round trip
            await screen.Keys("l");
            await screen.WaitForAsync("directives chosen", 60);
            await screen.ClickAsync(" r review");
            await screen.WaitForAsync("write the drop-in and restart", 10);
            await screen.Keys("e");
            await screen.WaitForAsync("drop-in taken back from \\$EDITOR", 30);
            File.Exists(sandbox.HostPath(EditorSawTty)).ShouldBeTrue($"the editor ran on the terminal (no {EditorSawTty} inside)");
            await screen.WaitForAsync("write the drop-in and restart", 10);
            // apply
            await screen.Keys("Enter");
            var result = await screen.WaitForAsync("service runs with the drop-in|service failed", 240);
            if (result.Contains("service failed"))
            {
                await screen.Keys("b");
                await screen.WaitForAsync("culprit", 900);
                await screen.Keys("Escape", "r", "Enter");
                await screen.WaitForAsync("service runs with the drop-in", 240);
            }
            await screen.Keys("q");
            await screen.Keys("y");
            await screen.WaitForAsync(@"\A(?![\s\S]*HardenTui )", 10); // the wizard has left the terminal

            File.Exists(sandbox.HostPath(DropIn)).ShouldBeTrue();
            var written = await File.ReadAllTextAsync(sandbox.HostPath(DropIn));
            written.ShouldContain("[Service]");
            written.ShouldContain($"# Learned on: systemd={systemdVersion} "); // stamped like `hardentui apply`, so exports name where it was learned
            var lines = written.Split('\n');
            foreach (var line in expectedLines) lines.ShouldContain(line, $"the wizard's drop-in on systemd {systemdVersion}:\n{written}");
            (await StartedAtAsync(sandbox)).ShouldNotBe(startedBefore, "nginx was not restarted with the drop-in");
            (await sandbox.ShAsync($"systemctl show -P DropInPaths {Unit}")).ShouldContain(DropIn);
            await sandbox.ShAsync($"systemctl is-active {Unit} && {Probe}");
            var hardened = ExposureScorer.Score(await exposure.LoadedAsync(Unit)).ExposureTenths;
            hardened.ShouldBeLessThan(before, $"exposure {before} tenths before the wizard, {hardened} after");

            // rollback
            var rollback = await sandbox.Runner.RunAsync(new ProcessSpec(Environment.ProcessPath!, [app, "rollback", Unit], Timeout: TimeSpan.FromMinutes(3)));
            rollback.ExitCode.ShouldBe(0, rollback.Stderr);
            File.Exists(sandbox.HostPath(DropIn)).ShouldBeFalse();
            Directory.Exists(sandbox.HostPath(DropInDir)).ShouldBe(dirBefore, dirBefore ? "rollback removed a folder that was there before"
                : "rollback leaves the UNIT.service.d/ it created behind");
            await sandbox.ShAsync($"systemctl is-active {Unit} && {Probe}");
            ExposureScorer.Score(await exposure.LoadedAsync(Unit)).ExposureTenths.ShouldBe(before);
        }
        finally
        {
            await sandbox.Runner.RunAsync(new ProcessSpec("sh", ["-c",
                $"{screen.KillCommand}; rm -f {DropIn} {DropInDir}/.hardentui-created; rmdir {DropInDir} 2>/dev/null; " +
                $"systemctl daemon-reload; systemctl restart {Unit}"], Timeout: TimeSpan.FromMinutes(2)));
        }
    }

    /// <summary>When systemd last started nginx's main process (changes with every restart).</summary>
    private static async Task<string> StartedAtAsync(BootedSandbox sandbox) =>
        (await sandbox.ShAsync($"systemctl show -P ExecMainStartTimestampMonotonic {Unit}")).Trim();
}
