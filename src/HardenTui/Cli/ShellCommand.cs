using System.CommandLine;
using HardenTui.Core;
using HardenTui.Core.Directives;
using HardenTui.Core.Overrides;
using HardenTui.Core.Proposals;
using HardenTui.Core.Shell;
using HardenTui.Host.Profiles;
using HardenTui.Host.Shell;
using HardenTui.Host.Systemd;

namespace HardenTui.Cli;

/// <summary>
/// `hardentui shell UNIT [--proposed [--findings FILE] | --with-dropin FILE | --profile NAME|FILE] [-- COMMAND…]`:
/// a shell (or COMMAND, whose exit status it returns) in a transient unit with the unit's sandboxing settings,
/// plus the proposal, the drop-in or the profile — the world as the service sees it, or would.
/// </summary>
internal static class ShellCommand
{
    internal static Command Create()
    {
        var unit = new Argument<string>("unit") { Description = "The service (nginx or nginx.service)" };
        var command = new Argument<string[]>("command") { Description = "Run this instead of a shell (after --); its exit status is returned", Arity = ArgumentArity.ZeroOrMore };
        var proposed = new Option<bool>("--proposed") { Description = "With the resolver's proposal (from --findings; without them nothing is on)" };
        var findings = new Option<string?>("--findings") { Description = "With --proposed: findings JSON from `hardentui trace --json`" };
        var dropin = new Option<string?>("--with-dropin") { Description = "With this drop-in file in place of HardenTui's drop-in" };
        var profile = new Option<string?>("--profile") { Description = "With a profile: a shipped NAME (see `hardentui profiles`) or a FILE.yaml" };
        var cmd = new Command("shell", "Step inside a service's sandbox: a shell (or a command) with its settings, plus a proposal or a drop-in");
        cmd.Arguments.Add(unit);
        cmd.Arguments.Add(command);
        foreach (var o in new Option[] { proposed, findings, dropin, profile }) cmd.Options.Add(o);
        cmd.SetAction((parse, ct) =>
        {
            var sources = new[] { parse.GetValue(proposed), parse.GetValue(dropin) is not null, parse.GetValue(profile) is not null }.Count(x => x);
            if (sources > 1) throw new BadInputException("shell takes at most one of --proposed, --with-dropin FILE, --profile NAME|FILE");
            if (parse.GetValue(findings) is not null && !parse.GetValue(proposed)) throw new BadInputException("--findings goes with --proposed");
            var name = parse.GetValue(unit)!;
            name = Core.Units.UnitName.Parse(name.Contains('.') ? name : name + ".service").Value; // as systemctl: "nginx" is nginx.service
            var given = parse.GetValue(dropin) is { } file ? MachineServices.ReadInput(file, "drop-in") : null;
            if (given is not null) DropIn.Parse(name, given); // one line and exit 2 for a file that is not a drop-in
            var chosen = parse.GetValue(profile) is { } p ? ProfileLibrary.Resolve(p, ProfileLibrary.Shipped()) : null;
            // systemd-run's own refusal was the user's only answer: "Failed to start transient service unit: Interactive authentication required."
            MachineServices.RequireRoot("shell", "starts a transient unit");
            return MachineServices.RunAsync(cmd.Name, async services =>
            {
                var props = await services.PropertiesAsync(name, ct);
                string? text = given;
                var what = given is not null ? $"with {parse.GetValue(dropin)}" : "as it is";
                if (chosen is not null)
                {
                    text = ProfilePlan.For(chosen, name, await ManagerFacts.ReadAsync(services.Systemd, ct), null, TimeSpan.Zero).DropIn.Render(DateTimeOffset.UtcNow);
                    what = $"with profile {chosen.Name}";
                }
                else if (parse.GetValue(proposed))
                {
                    var seen = parse.GetValue(findings) is { } f ? Observations.FromFindingsJson(MachineServices.ReadInput(f, "findings"), $"findings {f}") : Observations.None;
                    var proposal = Resolver.DropIn(name, (await services.ProposeAsync(props, await services.CompleteAsync(seen, ct), null, ct)).Proposals);
                    if (proposal.Directives.Count == 0)
                        throw new BadInputException($"the proposal for {name} has nothing on" + (parse.GetValue(findings) is null
                            ? " without --findings (run `hardentui trace " + name + " --json --out FILE` first, or use --profile)" : ""));
                    text = proposal.Render(DateTimeOffset.UtcNow);
                    what = "with the proposal";
                }
                var argv = parse.GetValue(command) ?? [];
                var shell = new UnitShell(services.Systemd, services.Runner);
                var plan = await shell.PlanAsync(name, text, argv, ct);
                var tty = !Console.IsInputRedirected && !Console.IsOutputRedirected;
                Describe(plan, what, verbose: argv.Length == 0);
                if (argv.Length == 0 && tty)
                    Say("try: ls /home · touch /etc/x · cat /proc/1/environ · ping -c1 127.0.0.1 · a program outside ExecPaths= — `exit` leaves");
                using var keep = TerminalSignals.KeepAliveUntilChildEnds();
                var (exit, _) = await UnitShell.RunAsync(plan, tty, Say, ct);
                return exit;
            }, ct);
        });
        return cmd;
    }

    private static void Say(string line) => Console.Error.WriteLine("hardentui: " + line);

    /// <summary>What the shell gets, what was added for it and what it does not get, before it starts.</summary>
    internal static void Describe(ShellPlan plan, string what, bool verbose)
    {
        Say($"{(plan.Program.Argv.Count == 0 && verbose ? "a shell" : plan.Program.Path)} in the sandbox of {plan.Unit} {what}: a transient unit of systemd {plan.SystemdVersion} with {plan.Settings.Count(s => s.From != ShellPlan.Ours)} settings");
        if (verbose)
            foreach (var s in plan.Settings.Where(s => s.From != ShellPlan.Ours))
                Console.Error.WriteLine($"    {s.Assignment}" + (DirectiveTexts.WhatChanges(s.Key, s.Value) is { } changes ? $"  — {changes}" : ""));
        foreach (var n in plan.Notes) Say(n);
        foreach (var l in plan.Left) Say($"not applied: {l.Assignment} — {l.Why}");
    }
}
