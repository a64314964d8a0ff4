using HardenTui.Core.Exposure;
using HardenTui.Core.Units;
using HardenTui.Core.Wizard;
using HardenTui.Host.Exposure;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using HardenTui.Host.Profiles;
using HardenTui.Host.Shell;
using HardenTui.Host.Systemd;

namespace HardenTui.Tui.AppHost;

/// <summary>
/// The wizard's commands against this machine's systemd: listing and scoring services, opening a unit, previews,
/// proposals; applying and bisecting are in <see cref="ApplyEffects"/>, tracing in <see cref="TraceEffects"/>.
/// Keeps the opened unit's SecurityInfo, so previews are pure computations over it.
/// </summary>
internal sealed class WizardEffects(ISystemd systemd, IProcessRunner runner, TimeSpan? soak = null, string root = "/") : IWizardEffects
{
    private readonly ExposureHost _exposure = new(runner, systemd);
    private readonly ApplyEffects _apply = new(systemd, runner, root, soak);
    private readonly TraceEffects _trace = new(systemd, runner, root);
    private readonly DenialWatch _watch = new(systemd, runner, new DropInStore("/", TimeProvider.System), TimeProvider.System);
    private (SecurityInfo Info, ExposureReport Report, UnitProperties Properties)? _opened;
    private Core.Directives.ManualWords? _manual;
    private IAsyncDisposable? _servicesWatch;

    public async Task RunAsync(Cmd cmd, Action<Msg> post, CancellationToken ct)
    {
        switch (cmd)
        {
            case Cmd.LoadServices:
                post(new Msg.ServicesLoaded(await ServicesAsync(ct)));
                await FollowServicesAsync(post, ct);
                break;
            case Cmd.LoadService s:
                if (await ServiceAsync(s.Unit, ct) is { } row) post(new Msg.ServiceLoaded(row));
                break;
            case Cmd.LoadUnit u:
                post(new Msg.UnitLoaded(await OpenAsync(u.Unit, ct)));
                break;
            case Cmd.Relax r:
                var status = await _apply.RelaxAsync(r, ct);
                post(new Msg.Relaxed(await OpenAsync(r.Unit, ct), status));
                break;
            case Cmd.BuildProposals:
                if (_manual is null)
                    post(new Msg.ManualRead(_manual = await SystemdManual.ReadAsync(runner, ct)));
                if (_opened is { } o)
                    post(new Msg.ProposalsReady(await ResolverProposals.ForAsync(o.Properties, o.Info, _trace.Last, runner, ct)));
                break;
            case Cmd.PreviewExposure p when _opened is { } opened:
                post(new Msg.ExposurePreviewed(ExposureScorer.Preview(opened.Info, p.DropIn).Exposure));
                break;
            case Cmd.FindMethods f:
                post(new Msg.MethodsFound(await _trace.MethodsAsync(f.Unit, ct)));
                break;
            case Cmd.StartTrace t:
                await _trace.RunAsync(t, post, ct);
                break;
            case Cmd.StopTrace:
                _trace.Stop();
                break;
            case Cmd.Quit:
                _trace.Stop();
                if (_servicesWatch is { } watch) await watch.DisposeAsync();
                break;
            case Cmd.Apply a:
                await _apply.ApplyAsync(a, post, ct);
                break;
            case Cmd.Bisect b:
                await _apply.BisectAsync(b, post, ct);
                break;
            case Cmd.FindProfile f:
                post(ProfileEffects.Find(f.Unit, ProfileLibrary.Shipped()));
                break;
            case Cmd.SaveProfile s:
                post(ProfileEffects.Save(s, Environment.CurrentDirectory));
                break;
        }
    }

    public IReadOnlyList<string> Edit(string unit, string dropIn) => ApplyEffects.Edit(unit, dropIn);

    /// <summary>`hardentui shell UNIT --with-dropin` on the toggles as chosen, on this terminal; the summary comes back to the status line.</summary>
    public Msg Shell(string unit, string dropIn)
    {
        try
        {
            var plan = new UnitShell(systemd, runner).PlanAsync(unit, dropIn, []).GetAwaiter().GetResult();
            Cli.ShellCommand.Describe(plan, "with the directives as chosen", verbose: true);
            Console.Error.WriteLine("hardentui: `exit` returns to the wizard, where you left it");
            using var keep = Cli.TerminalSignals.KeepAliveUntilChildEnds();
            var (exit, ran) = UnitShell.RunAsync(plan, tty: true, line => Console.Error.WriteLine("hardentui: " + line)).GetAwaiter().GetResult();
            return new Msg.ShellReturned(exit, $"back from the shell in {unit}'s sandbox (exit {exit})" +
                (ran.Left.Count > 0 ? "; not applied there: " + string.Join(", ", ran.Left.Select(l => l.Key + "=")) : ""));
        }
        catch (Exception e) when (e is SystemdException or Core.BadInputException)
        {
            return new Msg.ShellReturned(1, $"the shell did not start: {e.Message}");
        }
    }

    private async Task<IReadOnlyList<ServiceRow>> ServicesAsync(CancellationToken ct)
    {
        var services = (await systemd.ListServicesAsync(ct)).Where(s => s.LoadState == "loaded").ToList();
        var groups = await _exposure.SyscallGroupsAsync(ct);
        var properties = (await systemd.GetPropertiesManyAsync(services.Select(s => s.Name).ToList(), ct))
            .GroupBy(p => p.Unit).ToDictionary(g => g.Key, g => g.First());
        var rows = new List<ServiceRow>();
        foreach (var s in services)
            rows.Add(properties.TryGetValue(s.Name, out var p)
                ? DomainViews.Service(s, ExposureScorer.Score(SecurityInfo.FromProperties(p, groups)), DomainViews.HasOurDropIn(p))
                    with { Denials = DomainViews.HasOurDropIn(p) ? (await _watch.SinceHardenedAsync(s.Name, ct)).Count : 0 }
                : DomainViews.Service(s, null, false));
        return rows;
    }

    /// <summary>From now on the picker hears services appear, disappear and change (once; without it the list is just not live).</summary>
    private async Task FollowServicesAsync(Action<Msg> post, CancellationToken ct)
    {
        if (_servicesWatch is not null) return;
        try
        {
            _servicesWatch = await systemd.WatchServicesAsync(e => post(new Msg.ServiceChanged(e)), ct);
        }
        catch (SystemdException)
        {
        }
    }

    private async Task<ServiceRow?> ServiceAsync(string unit, CancellationToken ct)
    {
        try
        {
            var p = await systemd.GetPropertiesAsync(unit, ct);
            if (p.String("LoadState") != "loaded") return null;
            var status = new UnitStatus(unit, p.String("Description") ?? "", "loaded", p.String("ActiveState") ?? "", p.String("SubState") ?? "");
            return DomainViews.Service(status, ExposureScorer.Score(SecurityInfo.FromProperties(p, await _exposure.SyscallGroupsAsync(ct))), DomainViews.HasOurDropIn(p));
        }
        catch (UnitNotFoundException)
        {
            return null;
        }
    }

    private async Task<UnitView> OpenAsync(string unit, CancellationToken ct)
    {
        var name = UnitName.Parse(unit).Value;
        var p = await systemd.GetPropertiesAsync(name, ct);
        if (p.String("LoadState") != "loaded")
            throw new SystemdException($"{name} is {p.String("LoadState") ?? "unknown"}");
        // With the unit text, previews know the drop-ins read after ours and count nothing they override.
        var cat = await systemd.CatAsync(name, ct);
        var info = SecurityInfo.FromProperties(p, await _exposure.SyscallGroupsAsync(ct), cat);
        var report = ExposureScorer.Score(info);
        _opened = (info, report, p);
        var denials = DomainViews.HasOurDropIn(p) ? await _watch.SinceHardenedAsync(name, ct) : [];
        return DomainViews.Unit(p, report, cat) with
        {
            Denials = denials.Select(d => new DenialView(d.Directive, d.What, d.Evidence, d.Relax?.Line)).ToList(),
        };
    }
}
