using System.Diagnostics;
using HardenTui.Core.Proposals;
using HardenTui.Core.Wizard;
using HardenTui.Host.Export;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Tui.AppHost;

/// <summary>
/// Writing the drop-in, reloading, restarting and verifying the service; on failure the previous state is put
/// back; bisect tries subsets of the directives until it names the one(s) that break the service. Every change
/// goes through the crash journal, so a killed wizard is recovered on the next start.
/// </summary>
internal sealed class ApplyEffects(ISystemd systemd, IProcessRunner runner)
{
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(60);
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly DropInStore _store = new("/", TimeProvider.System);
    private readonly OperationJournal _journal = new("/", TimeProvider.System);

    public async Task ApplyAsync(Cmd.Apply a, Action<Msg> post, CancellationToken ct)
    {
        var steps = new ApplySteps(post, "write", "daemon-reload", "restart", "settle", "probe", "journal scan");
        // Stamped with this machine like `hardentui apply`, so an export of the applied drop-in names where it was learned.
        var learned = await FingerprintReader.ReadAsync(runner, ct);
        var wasActive = (await systemd.GetPropertiesAsync(a.Unit, ct)).String("ActiveState") == "active";
        var previous = _store.Read(a.Unit);
        var op = _journal.Begin("apply", a.Unit, wasActive);
        steps.Set("write", StepStatus.Running);
        _store.Write(a.Unit, learned.Stamp(DomainViews.DropIn(a.Unit, a.Directives).Render(_clock.GetUtcNow())), op);
        steps.Set("write", StepStatus.Done, "/" + _store.RelativePath(a.Unit));
        var problem = await RestartAndVerifyAsync(a.Unit, a.Probe, steps, ct);
        if (problem is null)
        {
            op.Complete();
            post(new Msg.ApplyFinished(true, false));
            return;
        }
        steps.Set("rollback", StepStatus.Running, previous is null ? "removing the drop-in" : "restoring the previous drop-in");
        await RestoreAsync(a.Unit, previous, wasActive, op, ct);
        steps.Set("rollback", StepStatus.Done, wasActive ? "previous state restored and restarted" : "previous state restored");
        op.Complete();
        post(new Msg.ApplyFinished(false, true));
    }

    public async Task BisectAsync(Cmd.Bisect b, Action<Msg> post, CancellationToken ct)
    {
        var wasActive = (await systemd.GetPropertiesAsync(b.Unit, ct)).String("ActiveState") == "active";
        var previous = _store.Read(b.Unit);
        var op = _journal.Begin("bisect", b.Unit, wasActive);
        var tried = 0;
        try
        {
            var result = await Bisect.FindCulpritsAsync(b.Directives, async (subset, token) =>
            {
                post(new Msg.BisectProgress(tried, Math.Max(b.Directives.Count, tried + 1)));
                tried++;
                _store.Write(b.Unit, DomainViews.DropIn(b.Unit, subset).Render(_clock.GetUtcNow()), op);
                var works = await RestartAndVerifyAsync(b.Unit, b.Probe, null, token) is null;
                post(new Msg.BisectProgress(tried, Math.Max(b.Directives.Count, tried)));
                return works;
            }, ct);
            if (result.BaseBroken)
                post(new Msg.Failed($"{b.Unit} fails even without the drop-in; nothing to bisect"));
            post(new Msg.BisectFinished(result.Dropped.FirstOrDefault()?.Directive.Line));
        }
        finally
        {
            await RestoreAsync(b.Unit, previous, wasActive, op, CancellationToken.None);
            op.Complete();
        }
    }

    /// <summary>Reload, restart, verify; the problem found, or null when the service is healthy.</summary>
    private async Task<string?> RestartAndVerifyAsync(string unit, string probe, ApplySteps? steps, CancellationToken ct)
    {
        steps?.Set("daemon-reload", StepStatus.Running);
        await systemd.DaemonReloadAsync(ct);
        steps?.Set("daemon-reload", StepStatus.Done);
        steps?.Set("restart", StepStatus.Running);
        var since = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await systemd.RestartAsync(unit, RestartTimeout, ct);
        }
        catch (SystemdException e)
        {
            steps?.Set("restart", StepStatus.Failed, e.Message);
            steps?.SkipPending();
            return e.Message;
        }
        steps?.Set("restart", StepStatus.Done);
        var settle = TimeSpan.FromSeconds(5);
        steps?.Set("settle", StepStatus.Running, $"watching {settle.TotalSeconds:0}s for a crash or restart loop");
        if (probe.Length == 0)
            steps?.Set("probe", StepStatus.Skipped, "no probe set (p on the trace screen)");
        var health = new ServiceHealth(systemd, runner, _clock);
        var report = await health.VerifyAsync(unit, since, new HealthCheck(probe.Length == 0 ? null : probe, settle), ct, (phase, problems) =>
        {
            steps?.Set(phase, problems.Count == 0 ? StepStatus.Done : StepStatus.Failed, problems.Count == 0 ? PhaseOk(phase, probe) : string.Join("; ", problems));
            if (phase == "settle" && problems.Count == 0 && probe.Length > 0)
                steps?.Set("probe", StepStatus.Running, $"`{probe}`");
            else if (phase != "journal scan")
                steps?.Set("journal scan", StepStatus.Running, "SIGSYS, 203/EXEC, 226/NAMESPACE, EPERM bursts");
        });
        steps?.SkipPending();
        return report.Healthy ? null : report.ToString();
    }

    private static string PhaseOk(string phase, string probe) => phase switch
    {
        "settle" => "active, no restart",
        "probe" => $"`{probe}` succeeded",
        _ => "nothing suspicious since the restart",
    };

    private async Task RestoreAsync(string unit, string? previous, bool wasActive, JournalOperation op, CancellationToken ct)
    {
        if (previous is null)
            _store.Remove(unit, op);
        else
            _store.Write(unit, previous, op);
        await systemd.DaemonReloadAsync(ct);
        if (wasActive)
            await systemd.RestartAsync(unit, RestartTimeout, ct);
    }

    /// <summary>$VISUAL or $EDITOR (else vi) on a copy of the drop-in; the saved lines come back.</summary>
    public static IReadOnlyList<string> Edit(string unit, string dropIn)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hardentui-{Environment.ProcessId}-{unit}.conf");
        File.WriteAllText(file, dropIn);
        try
        {
            var editor = Environment.GetEnvironmentVariable("VISUAL") ?? Environment.GetEnvironmentVariable("EDITOR") ?? "vi";
            using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", editor + " \"$1\"", "sh", file]) { UseShellExecute = false });
            process?.WaitForExit();
            return File.ReadAllLines(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
