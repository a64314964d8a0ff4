using System.CommandLine;
using HardenTui.Core;
using HardenTui.Core.Health;
using HardenTui.Host.Health;

namespace HardenTui.Cli;

/// <summary>
/// `hardentui watch [UNIT…] [--relax] [--seconds N] [--probe CMD] [--install-unit]`: follows the journal and the
/// kernel log of hardened units (default: every unit with our drop-in) for denials, names the directive behind each
/// and the relax that would allow it; on a terminal one key (r) applies it, `--relax` applies each without asking.
/// A relax is a new revision of the drop-in, restart-verified (and rolled back when it does not help).
/// `--install-unit` writes hardentui-watch.service, which runs the watch as a service that only reports.
/// </summary>
internal static class WatchCommand
{
    public const string UnitName = "hardentui-watch.service";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    internal static Command Create()
    {
        var units = new Argument<string[]>("unit") { Description = "Hardened services to watch (default: every one with a HardenTui drop-in)", Arity = ArgumentArity.ZeroOrMore };
        var relax = new Option<bool>("--relax") { Description = "Apply each relax the evidence supports without asking (restart-verified)" };
        var seconds = new Option<int?>("--seconds") { Description = "Stop after N seconds (default: until interrupted)" };
        var probe = new Option<string?>("--probe") { Description = "Shell command that must succeed after a relax's restart" };
        var install = new Option<bool>("--install-unit") { Description = $"Write /etc/systemd/system/{UnitName}, which runs the watch as a service (reports only)" };
        var command = new Command("watch", "Follow hardened services' journal and kernel log for denials; name the directive and offer a relax");
        command.Arguments.Add(units);
        foreach (var o in new Option[] { relax, seconds, probe, install }) command.Options.Add(o);
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(seconds) is <= 0) throw new BadInputException("--seconds must be positive");
            if (parse.GetValue(install)) return Task.FromResult(InstallUnit(parse.GetValue(units) ?? []));
            return MachineServices.RunAsync("watch", async services =>
            {
                var named = new List<string>();
                foreach (var u in parse.GetValue(units) ?? []) named.Add((await services.PropertiesAsync(u, ct)).Unit);
                var watch = new DenialWatch(services.Systemd, services.Runner, services.Store, TimeProvider.System);
                var watched = named.Count > 0 ? named : await watch.HardenedUnitsAsync(ct);
                if (watched.Count == 0) throw new BadInputException("no unit has a HardenTui drop-in here; name the units to watch");
                await watch.StartAsync(watched, ct);
                var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
                Console.Error.WriteLine($"hardentui: watching {string.Join(", ", watched)} for denials (journal and kernel log)" +
                    (parse.GetValue(relax) ? "; relaxing what the evidence supports" : interactive ? "; r relaxes the last one offered, q quits" : ""));
                var check = new HealthCheck(parse.GetValue(probe), TimeSpan.FromSeconds(5));
                var end = parse.GetValue(seconds) is { } s ? DateTimeOffset.UtcNow.AddSeconds(s) : DateTimeOffset.MaxValue;
                Denial? offered = null;
                while (DateTimeOffset.UtcNow < end && !ct.IsCancellationRequested)
                {
                    foreach (var d in await watch.PollAsync(watched, ct))
                    {
                        Console.Out.WriteLine(Describe(d));
                        if (d.Relax is null) continue;
                        if (parse.GetValue(relax)) await RelaxAsync(services, watch, d, check, ct);
                        else offered = d;
                    }
                    if (interactive && offered is not null && Console.KeyAvailable)
                    {
                        var key = Console.ReadKey(intercept: true).KeyChar;
                        if (key == 'q') break;
                        if (key == 'r') { await RelaxAsync(services, watch, offered, check, ct); offered = null; }
                    }
                    try { await Task.Delay(Tick, ct); }
                    catch (OperationCanceledException) { break; }
                }
                return CliApp.ExitOk;
            }, ct);
        });
        return command;
    }

    /// <summary>"late.service: /srv/late/ticks refused by ProtectSystem= — relax: ReadWritePaths=-/srv/late | evidence: …".</summary>
    internal static string Describe(Denial d) =>
        $"{d.Unit}: {d.What} refused by {d.Directive}=" + (d.Relax is { } r ? $" — relax: {r.Line}" : " — no relax the evidence supports; see the drop-in") +
        $" | {string.Join(' ', d.Evidence.Split(' ', StringSplitOptions.RemoveEmptyEntries))}";

    private static async Task RelaxAsync(MachineServices services, DenialWatch watch, Denial d, HealthCheck check, CancellationToken ct)
    {
        Console.Error.WriteLine($"hardentui: relaxing {d.Unit}: adding {d.Relax!.Line} as a new revision of /{services.Store.RelativePath(d.Unit)}, restarting ...");
        services.Workflow.Learned ??= await services.LearnedAsync(null, "", ct);
        var outcome = await DenialWatch.RelaxAsync(services.Workflow, watch.InForce(d.Unit), d.Relax, check, ct);
        Console.Error.WriteLine(outcome.Hardened
            ? $"hardentui: {d.Unit} restarted with {d.Relax.Line} and is working ({check.Describe()})"
            : $"hardentui: {d.Unit} did not come back healthy with the relax ({outcome.LastReport}); the previous revision is back");
    }

    private static int InstallUnit(string[] units)
    {
        // The names go onto an ExecStart= line: each must be a valid unit name, or a newline in one would add a directive.
        units = units.Select(u => Core.Units.UnitName.FromUser(u).Value).ToArray();
        var self = DefaultCommand.SelfCommand();
        var text = $"""
            # Written by `hardentui watch --install-unit`: reports denials of hardened services to the journal; relaxes nothing.
            [Unit]
            Description=HardenTui: watch hardened services for denials
            After=multi-user.target

            [Service]
            ExecStart={string.Join(' ', self.Concat(["watch"]).Concat(units))}
            Restart=on-failure
            RestartSec=30

            [Install]
            WantedBy=multi-user.target

            """;
        var path = $"/etc/systemd/system/{UnitName}";
        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"hardentui: cannot write {path}: {e.Message} (run as root)");
            return CliApp.ExitFailed;
        }
        Console.Error.WriteLine($"hardentui: wrote {path}; start it with: systemctl daemon-reload && systemctl enable --now {UnitName}");
        return CliApp.ExitOk;
    }
}
