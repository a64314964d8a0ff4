using HardenTui.Core.Units;
using System.CommandLine;
using HardenTui.Core;
using HardenTui.Core.Overrides;
using HardenTui.Core.Proposals;
using HardenTui.Core.Wizard;
using HardenTui.Host.Apply;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Profiles;
using HardenTui.Host.Systemd;

namespace HardenTui.Cli;

/// <summary>
/// `hardentui apply UNIT (--auto | --dropin FILE | --profile NAME|FILE) [--probe CMD] [--trace-seconds N] [--yes]`:
/// show the diff, write the drop-in, restart, verify; bisect and keep the working part, or roll back.
/// Exit 0: hardened and working; 1: ended rolled back (or declined); 2: bad input.
/// </summary>
internal static class ApplyCommand
{
    public const string Name = "apply";

    internal static Command Create()
    {
        var unit = new Argument<string>("unit") { Description = "The service (nginx.service)" };
        var auto = new Option<bool>("--auto") { Description = "Trace (running the probe), propose the defaults, apply, verify, bisect on failure" };
        var dropin = new Option<string?>("--dropin") { Description = "Apply this drop-in file ([Service] directives)" };
        var profile = new Option<string?>("--profile") { Description = "Apply a profile: a shipped NAME (see `hardentui profiles`) or a FILE.yaml; its probe is used unless --probe is given" };
        var findings = new Option<string?>("--findings") { Description = "With --auto: propose from these saved findings instead of tracing" };
        var probe = new Option<string?>("--probe") { Description = "Shell command that must succeed for the service to count as working" };
        var seconds = new Option<int>("--trace-seconds") { Description = "How long --auto traces", DefaultValueFactory = _ => 20 };
        var settle = new Option<int>("--settle-seconds") { Description = "How long the service must stay up after each restart", DefaultValueFactory = _ => 5 };
        var yes = new Option<bool>("--yes") { Description = "Do not ask before writing" };
        var soak = new Option<int?>("--soak") { Description = "Seconds to watch the journal and kernel log for denials after the checks (default 60 with --auto, else 0)" };
        var command = new Command(Name, "Write a hardening drop-in, restart and verify the service; bisect or roll back if it breaks");
        command.Arguments.Add(unit);
        foreach (var o in new Option[] { auto, dropin, profile, findings, probe, seconds, settle, yes, soak }) command.Options.Add(o);
        command.SetAction((parse, ct) =>
        {
            var sources = new[] { parse.GetValue(auto), parse.GetValue(dropin) is not null, parse.GetValue(profile) is not null }.Count(x => x);
            if (sources != 1) throw new BadInputException("apply needs exactly one of --auto, --dropin FILE, --profile NAME|FILE");
            if (parse.GetValue(seconds) <= 0 || parse.GetValue(settle) < 0 || parse.GetValue(soak) < 0)
                throw new BadInputException("--trace-seconds must be positive, --settle-seconds and --soak not negative");
            var soakFor = TimeSpan.FromSeconds(parse.GetValue(soak) ?? (parse.GetValue(auto) ? (int)HealthCheck.DefaultSoak.TotalSeconds : 0));
            // Every input is read and checked before systemd is asked anything: bad input is exit 2 with nothing touched.
            var unitName = Core.Units.UnitName.FromUser(parse.GetValue(unit)).Value;
            var (chosen, givenText) = parse.GetValue(profile) is { } p ? ProfileLibrary.ResolveWithText(p, ProfileLibrary.Shipped())
                : (null, parse.GetValue(dropin) is { } f ? MachineServices.ReadInput(f, "drop-in") : null);
            var given = chosen is null && givenText is not null
                ? HardeningDropIn.Parse(unitName, givenText, Core.Directives.DirectiveCatalog.Load(), $"drop-in {parse.GetValue(dropin)}") : null;
            var saved = parse.GetValue(findings) is { } ff ? Observations.FromFindingsJson(MachineServices.ReadInput(ff, "findings"), $"findings {ff}") : null;
            MachineServices.RequireRoot("apply");
            return InterruptibleAsync(MachineServices.RunAsync("apply", async services =>
            {
                var props = await services.PropertiesAsync(unitName, ct);
                var name = props.Unit;
                // One hardentui per unit, for the whole command: its trace, diff, write, restarts and checks. Locked by
                // systemd's own name for it (an alias such as sshd.service is the same lock as ssh.service).
                using var held = UnitLock.Acquire("/", name, "apply", TimeProvider.System);
                var (exposureBefore, exposureWith) = await services.ExposureAsync(name, ct);
                var check = new HealthCheck(parse.GetValue(probe), TimeSpan.FromSeconds(parse.GetValue(settle))) { Soak = soakFor };
                DropIn dropIn;
                if (chosen is not null)
                {
                    var plan = ProfilePlan.For(chosen, name, await ManagerFacts.ReadAsync(services.Systemd, ct), parse.GetValue(probe), check.Settle);
                    if (plan.Warning is not null) Console.Error.WriteLine("hardentui: warning: " + plan.Warning);
                    (dropIn, check) = (plan.DropIn, plan.Check with { Soak = soakFor });
                }
                else if (given is not null) dropIn = given with { Unit = name };
                else
                {
                    (dropIn, var session) = await ProposedDropInAsync(services, props,
                        await ObserveAsync(services, name, saved, parse.GetValue(probe), parse.GetValue(seconds), ct), ct);
                    if (session && dropIn.Directives.Count == 0)
                    {
                        Console.Error.WriteLine($"hardentui: nothing written: no directive is safe for the sessions {name} starts.");
                        return CliApp.ExitOk;
                    }
                }
                services.Workflow.Learned = await services.LearnedAsync(givenText, parse.GetValue(dropin) ?? parse.GetValue(profile) ?? "", ct);
                if (dropIn.Directives.Count == 0) throw new BadInputException("the drop-in has no directives; nothing to apply");
                await services.Workflow.CheckAsync(dropIn, ct); // hardening only, and systemd itself reads it: before the diff, before anything is written

                var rendered = dropIn.Render(DateTimeOffset.UtcNow);
                var cat = await services.Systemd.CatAsync(name, ct);
                Console.Out.Write(EffectiveUnitText.Diff(cat, "/" + services.Store.RelativePath(name), rendered));
                MachineServices.SayOverridden(name, cat, rendered);
                Console.Error.WriteLine($"hardentui: exposure of {name}: {exposureBefore.ExposureText} now, {Core.Exposure.ExposureReport.Tenths(exposureWith(rendered))} with this drop-in (same scoring as systemd-analyze security)");
                Console.Error.WriteLine($"hardentui: after each restart {name} must be {check.Describe()}");
                if (!parse.GetValue(yes) && !await ConfirmAsync($"Write this drop-in and restart {name}? [y/N] ", ct))
                {
                    Console.Error.WriteLine("hardentui: nothing written.");
                    return CliApp.ExitFailed;
                }
                services.Workflow.Progress += line => Console.Error.WriteLine("hardentui: " + line);
                try
                {
                    services.Workflow.Step = (step, status, detail) =>
                    {
                        if (step is "reload" or "soak" && status is not StepStatus.Running and not StepStatus.Pending)
                            Console.Error.WriteLine($"hardentui: {step}: {status.ToString().ToLowerInvariant()}: {detail}");
                        else if (step == "soak" && status == StepStatus.Running && detail.StartsWith(soakFor.TotalSeconds.ToString("0") + " s left", StringComparison.Ordinal))
                            Console.Error.WriteLine($"hardentui: soak: {detail}");
                    };
                    var outcome = await services.Workflow.ApplyAsync(dropIn, check, bisect: true, ct);
                    // Verified and kept: the confirming restart and the report run to their end, also after a Ctrl+C.
                    var code = await ReportAsync(services, name, check, outcome, CancellationToken.None);
                    var exposureAfter = (await services.ExposureAsync(name, CancellationToken.None)).Now;
                    Console.Error.WriteLine($"hardentui: exposure of {name}: {exposureBefore.ExposureText} {exposureBefore.Predicate} before, {exposureAfter.ExposureText} {exposureAfter.Predicate} now");
                    return code;
                }
                catch (ServiceDownException e)
                {
                    Console.Error.WriteLine($"hardentui: ROLLBACK INCOMPLETE: the files are as before, but {e.Message}");
                    return CliApp.ExitFailed;
                }
                catch (SystemdException e)
                {
                    Console.Error.WriteLine($"hardentui: apply {name}: {e.Message}; the next start of hardentui puts the unit back as it was");
                    return CliApp.ExitFailed;
                }
            }, ct), unitName, ct);
        });
        return command;
    }

    /// <summary>
    /// The default proposals as a drop-in; the ones that are on although a trace cannot decide them are named, and
    /// for a session service what was left off for the sessions' sake (true: it is one).
    /// </summary>
    private static async Task<(DropIn DropIn, bool Session)> ProposedDropInAsync(MachineServices services, UnitProperties props, Observations seen, CancellationToken ct)
    {
        var (proposals, context) = await services.ProposeAsync(props, seen, null, ct);
        foreach (var p in proposals.Where(p => p.DefaultOn && p.YourCall))
            Console.Error.WriteLine($"hardentui: on by default, but your call: {string.Join(' ', p.Lines.Select(l => l.Line))} ({p.Reason})");
        // Written, restart-verified, and said plainly: where the kernel or systemd cannot enforce it, it changes nothing yet.
        if (context.FileSystemRestriction is { Enforced: false } unenforced && proposals.FirstOrDefault(p => p is { Directive: "RestrictFileSystems", DefaultOn: true }) is { } restrict)
            Console.Error.WriteLine($"hardentui: {restrict.Lines[0].Line} is written but NOT enforced here: {unenforced.Why}");
        MachineServices.SaySessions(context, proposals);
        return (Resolver.DropIn(props.Unit, proposals), context.Session is not null);
    }

    private static async Task<Observations> ObserveAsync(MachineServices services, string unit, Observations? saved, string? probe, int seconds, CancellationToken ct)
    {
        var seen = saved ?? await AutoTrace.RunAsync(services, unit, probe, TimeSpan.FromSeconds(seconds), ct);
        return await services.CompleteAsync(seen, ct);
    }

    private static async Task<int> ReportAsync(MachineServices services, string unit, HealthCheck check, ApplyOutcome outcome, CancellationToken ct)
    {
        foreach (var d in outcome.Dropped)
            Console.Error.WriteLine($"hardentui: dropped {string.Join(' ', d.Lines.Select(l => l.Line))}" +
                (d.Partners.Count > 0 ? $" (breaks together with {string.Join(", ", d.Partners)})" : "") + $": {d.Report}");
        if (!outcome.Hardened)
        {
            Console.Error.WriteLine($"hardentui: {unit} did not work hardened ({outcome.LastReport}); rolled back after {outcome.Restarts} restart(s).");
            return CliApp.ExitFailed;
        }
        Console.Error.WriteLine($"hardentui: one more plain restart of {unit} to confirm ...");
        var confirm = await services.Health.RestartAndVerifyAsync(unit, check with { Soak = TimeSpan.Zero }, ct);
        if (!confirm.Healthy)
        {
            Console.Error.WriteLine($"hardentui: {unit} failed on the confirming restart ({confirm}); rolling back.");
            try
            {
                await services.Workflow.RemoveAsync(unit, ct);
                Console.Error.WriteLine($"hardentui: rolled back: the drop-in is removed and {unit} runs as before.");
            }
            catch (ServiceDownException e)
            {
                Console.Error.WriteLine($"hardentui: ROLLBACK INCOMPLETE: the drop-in is removed, but {e.Message}");
            }
            return CliApp.ExitFailed;
        }
        Console.Error.WriteLine($"hardentui: {unit} is hardened and working: {outcome.Applied!.Directives.Count} directive(s) in /{services.Store.RelativePath(unit)}" +
            $" after {outcome.Restarts + 1} restart(s). Undo: hardentui rollback {unit}");
        return CliApp.ExitOk;
    }

    /// <summary>
    /// Ctrl+C, SIGTERM or SIGHUP (CliApp turns them into <paramref name="ct"/>): the trace restores the unit as it
    /// stops and ApplyWorkflow rolls back what it wrote before this returns, so nothing of this run is left.
    /// </summary>
    private static async Task<int> InterruptibleAsync(Task<int> run, string unit, CancellationToken ct)
    {
        try { return await run; }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"hardentui: apply: interrupted; {unit} is as it was before this run");
            return CliApp.ExitInterrupted;
        }
    }

    /// <summary>y or yes; Ctrl+C while it waits ends the command as an interruption (nothing is written yet).</summary>
    private static async Task<bool> ConfirmAsync(string question, CancellationToken ct)
    {
        Console.Error.Write(question);
        var answer = Task.Run(Console.ReadLine, CancellationToken.None);
        await Task.WhenAny(answer, Task.Delay(Timeout.Infinite, ct));
        if (!answer.IsCompleted) Console.Error.WriteLine();
        ct.ThrowIfCancellationRequested();
        return (await answer)?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
