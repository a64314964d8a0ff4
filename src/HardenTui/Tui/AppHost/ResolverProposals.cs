using HardenTui.Core.Units;
using HardenTui.Core.Exposure;
using HardenTui.Core.Findings;
using HardenTui.Core.Proposals;
using HardenTui.Core.Wizard;
using HardenTui.Host.Apply;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Tui.AppHost;

/// <summary>
/// The resolver's proposals, from the last trace's findings (or none), grouped into the levels of the catalog,
/// each with its exposure delta.
/// </summary>
internal static class ResolverProposals
{
    public static async Task<IReadOnlyList<LevelStep>> ForAsync(UnitProperties props, SecurityInfo current, Findings? findings,
        IProcessRunner runner, CancellationToken ct)
    {
        var seen = findings is null ? Observations.None : Observations.FromFindings(findings);
        var context = await UnitContextReader.ReadAsync(runner, props, seen, ct);
        return For(props, current, seen, context);
    }

    /// <summary>The levels from observations and the unit's context (a session service: what its sessions inherit stays off, and says why).</summary>
    public static IReadOnlyList<LevelStep> For(UnitProperties props, SecurityInfo current, Observations seen, UnitContext? context)
    {
        var proposals = Resolver.Propose(seen, UnitSettings.Current(props), UnitSettings.Programs(props),
            text => ExposureScorer.Preview(current, text).ExposureTenths, context);
        var catalog = Core.Directives.DirectiveCatalog.Load();
        return Enum.GetValues<Core.Directives.HardeningLevel>()
            .Select(level => new LevelStep(DomainViews.LevelName(level), proposals
                .Where(p => (catalog.Find(p.Directive)?.Level ?? Core.Directives.HardeningLevel.ProtectRestrict) == level)
                .SelectMany(p => p.Lines.Select(line => new DirectiveToggle(line.Name, line.Value, p.DefaultOn,
                    catalog.Find(line.Name)?.IsList == true, Explanation(p, line), p.Evidence,
                    line.Name == p.Directive ? -(p.ExposureDeltaTenths ?? 0) / 10.0 : 0, line.Name == p.Directive ? null : p.Directive)))
                .ToList()))
            .ToList();
    }

    /// <summary>A companion line (ExecPaths= beside NoExecPaths=) says what it is for; the main line says why it is proposed.</summary>
    private static string Explanation(Proposal p, Core.Overrides.DropInDirective line) =>
        line.Name == p.Directive || line.Reason.Length == 0
            ? p.Reason + (p.YourCall ? " (your call)" : "")
            : $"{line.Reason} (goes with {p.Directive}=)";

}
