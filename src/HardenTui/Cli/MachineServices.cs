using HardenTui.Core.Units;
using HardenTui.Core;
using HardenTui.Core.Exposure;
using HardenTui.Core.Export;
using HardenTui.Core.Overrides;
using HardenTui.Core.Proposals;
using HardenTui.Host.Exposure;
using HardenTui.Host.Export;
using HardenTui.Host.Apply;
using HardenTui.Host.Health;
using HardenTui.Host.Overrides;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Cli;

/// <summary>
/// The adapters the propose/apply/rollback commands share, on this machine (which is the sandbox when hardentui
/// runs inside it). Creating them runs crash recovery first, so an apply or trace killed earlier is undone.
/// </summary>
internal sealed class MachineServices
{
    private MachineServices()
    {
        Systemd = DbusSystemd.ForHost();
        Store = new DropInStore("/", TimeProvider.System);
        Journal = new OperationJournal("/", TimeProvider.System);
        Health = new ServiceHealth(Systemd, Runner, TimeProvider.System);
        Workflow = new ApplyWorkflow(Systemd, Store, Journal, Health, TimeProvider.System);
        Exposure = new ExposureHost(Runner, Systemd, SyscallGroupCache.ForThisUser());
    }

    public ExposureHost Exposure { get; }

    public IProcessRunner Runner { get; } = LocalProcessRunner.Instance;
    public ISystemd Systemd { get; }
    public DropInStore Store { get; }
    public OperationJournal Journal { get; }
    public ServiceHealth Health { get; }
    public ApplyWorkflow Workflow { get; }

    /// <summary>
    /// Runs a command's body with recovered services; a failure of systemd itself is one line and exit 1. A command
    /// that systemd refuses for lack of privilege is one line saying HardenTui is read-only as a user.
    /// </summary>
    public static async Task<int> RunAsync(string what, Func<MachineServices, Task<int>> body, CancellationToken ct)
    {
        try
        {
            return await body(await StartAsync(ct));
        }
        catch (SystemdAccessDeniedException e)
        {
            return ReadOnly(what, e.Message);
        }
        catch (SystemdException e) when (e is not UnitNotFoundException)
        {
            Console.Error.WriteLine($"hardentui: {what}: {e.Message}");
            return CliApp.ExitFailed;
        }
    }

    /// <summary>One line for a user who is not root: what was refused and what still works.</summary>
    public static int ReadOnly(string what, string why)
    {
        Console.Error.WriteLine($"hardentui: {what} needs root ({why}); as a user HardenTui is read-only: analyze, propose, findings and export work");
        return CliApp.ExitFailed;
    }

    /// <summary>
    /// Commands that change a unit (apply, rollback, trace, export --out to a system path) need root: checked first,
    /// so an unprivileged run is one line and exit 2 with nothing written, not an access error half-way.
    /// </summary>
    public static void RequireRoot(string what, string does = "changes systemd units")
    {
        if (!Environment.IsPrivilegedProcess)
            throw new BadInputException($"{what} {does} and needs root (run it with sudo); nothing was done");
    }

    /// <summary>
    /// The services, after crash recovery has undone any operation whose hardentui is gone. Without root nothing
    /// can be undone: each pending recovery is named instead, and what is shown may still carry its changes.
    /// </summary>
    internal static async Task<MachineServices> StartAsync(CancellationToken ct)
    {
        var services = new MachineServices();
        if (!Environment.IsPrivilegedProcess)
        {
            foreach (var r in Recovery.Stale(services.Journal))
                Console.Error.WriteLine($"hardentui: a recovery is pending: an interrupted {r.Kind} of {r.Unit} (started {r.Started:u}); run hardentui as root to undo it — until then {r.Unit} may still carry its changes");
            return services;
        }
        foreach (var r in await new Recovery(services.Journal, services.Systemd).RunAsync(ct))
            Console.Error.WriteLine($"hardentui: undid an interrupted {r.Kind} of {r.Unit} (started {r.Started:u}, process {r.OwnerPid} is gone)");
        return services;
    }

    public async Task<UnitProperties> PropertiesAsync(string unit, CancellationToken ct)
    {
        try { return await Systemd.GetPropertiesAsync(Core.Units.UnitName.FromUser(unit).Value, ct); }
        catch (UnitNotFoundException e) { throw new BadInputException(e.Message); }
    }

    /// <summary>
    /// Proposals for the unit from saved findings (or none: everything off), its current settings and its context
    /// (owner, own directories, whether it starts other users' sessions).
    /// </summary>
    public async Task<(IReadOnlyList<Proposal> Proposals, UnitContext Context)> ProposeAsync(UnitProperties props, Observations seen,
        Func<string, int>? exposureWith, CancellationToken ct)
    {
        var context = await UnitContextReader.ReadAsync(Runner, props, seen, ct);
        var proposals = Resolver.Propose(seen, UnitSettings.Current(props), UnitSettings.Programs(props), exposureWith, context);
        // The new drop-in replaces the one applied now, whose lines the resolver took for the unit's own settings.
        return (AppliedDropIn.Keep(proposals, AppliedNow(props.Unit)), context);
    }

    /// <summary>Our drop-in in force for the unit, or null (none, or one edited beyond what a hardening drop-in holds).</summary>
    private DropIn? AppliedNow(string unit)
    {
        if (Store.Read(unit) is not { } text) return null;
        try { return DropIn.Parse(unit, text); }
        catch (BadInputException) { return null; }
    }

    /// <summary>For a session service, says on stderr what was left off for the sessions' sake and what stays on.</summary>
    public static void SaySessions(UnitContext context, IReadOnlyList<Proposal> proposals)
    {
        if (context.Session is { } session) Console.Error.WriteLine("hardentui: " + SessionRules.Summary(session, proposals));
    }

    /// <summary>
    /// Says on stderr, one line per directive, what a drop-in systemd reads after ours (override.conf, 95-*.conf, a
    /// runtime one in /run) does to the drop-in about to be written: overridden or reset lines do not take effect and
    /// their exposure gain is not counted in the figures shown (<see cref="ExposureScorer.Preview"/>).
    /// </summary>
    public static void SayOverridden(string unit, string catText, string dropInText)
    {
        foreach (var o in LaterDropIns.Find(EffectiveUnitText.Files(catText), "/" + DropInPaths.PersistentFile(unit), dropInText))
            Console.Error.WriteLine(o.OursInForce ? $"hardentui: note: {o.Text}" : $"hardentui: warning: {o.Text}: it will not take effect, and its exposure gain is not counted");
    }

    /// <summary>Adds what the resolver needs from this machine's systemd that findings may lack (@system-service members).</summary>
    public async Task<Observations> CompleteAsync(Observations seen, CancellationToken ct) =>
        seen.Traced ? seen.WithGroup("@system-service", (await Exposure.SyscallGroupsAsync(ct)).Members("@system-service")) : seen;

    /// <summary>The unit's exposure now, and a scorer for "with this drop-in text" (same numbers as systemd-analyze security).</summary>
    public async Task<(ExposureReport Now, Func<string, int> With)> ExposureAsync(string unit, CancellationToken ct)
    {
        var info = await Exposure.LoadedAsync(unit, forPreview: true, ct);
        return (ExposureScorer.Score(info), text => ExposureScorer.Preview(info, text).ExposureTenths);
    }

    /// <summary>
    /// Where the drop-in about to be applied was learned: the fingerprint in the given file's text, else this
    /// machine. Warns on stderr when the file names a host unlike this one (never refuses).
    /// </summary>
    public async Task<HostFingerprint> LearnedAsync(string? givenText, string what, CancellationToken ct)
    {
        var here = await FingerprintReader.ReadAsync(Runner, ct);
        if (givenText is null || HostFingerprint.Read(givenText) is not { } learned) return here;
        var differs = learned.Differences(here);
        if (differs.Count > 0)
            Console.Error.WriteLine($"hardentui: warning: {what} was learned on another kind of host ({string.Join("; ", differs)}); the restart and checks decide whether it fits here");
        return learned;
    }

    /// <summary>A file the user named, opened once and checked (<see cref="Host.Files.InputFile"/>).</summary>
    public static string ReadInput(string path, string what) => Host.Files.InputFile.ReadText(path, what);
}
