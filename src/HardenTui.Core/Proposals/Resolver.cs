// The resolver: observations × directive rules → one proposal per directive. Conservative by construction:
// a directive is on only when the trace shows nothing it would break, a value never goes below what the unit
// already sets, list directives the unit sets are left alone (systemd unions repeated allow-lists), and what a
// trace cannot decide (users, network reachability) is offered off, marked as the user's call.
using HardenTui.Core.Overrides;

namespace HardenTui.Core.Proposals;

public static class Resolver
{
    /// <param name="unitPrograms">Programs the unit's Exec*= lines run (they must stay executable even if not traced).</param>
    /// <param name="exposureWith">Exposure (tenths) of the unit with a drop-in text added; null skips the deltas.</param>
    /// <param name="context">The unit's name, owner and directories (for StateDirectory= and friends), whether it starts
    /// other users' sessions or jobs (then only what the sessions do not inherit stays on), and its systemd's version
    /// (only what that systemd knows is proposed, at the strongest value it supports).</param>
    public static IReadOnlyList<Proposal> Propose(Observations seen, CurrentHardening current, IReadOnlyList<string> unitPrograms,
        Func<string, int>? exposureWith = null, UnitContext? context = null)
    {
        var kit = new RuleKit(seen, current, context);
        var proposals = SessionRules.Apply(VersionRules.Strongest(kit, FileSystemRules.All(kit, unitPrograms)
            .Concat(KernelRules.All(kit))
            .Concat(FilterRules.All(kit))
            .Concat(ChoiceRules.All(kit))
            .Append(IdiomRules.Credentials(kit))
            .Append(FileSystemTypeRules.Restrict(kit))
            .Concat(VersionRules.All(kit))
            .OfType<Proposal>()), context?.Session);
        if (exposureWith is null) return proposals;
        var baseline = exposureWith("[Service]\n");
        return proposals.Select(p => p with { ExposureDeltaTenths = exposureWith(Text(p.Lines)) - baseline }).ToList();
    }

    /// <summary>The drop-in of the proposals that are on.</summary>
    public static DropIn DropIn(string unit, IEnumerable<Proposal> proposals) =>
        new(unit, proposals.Where(p => p.DefaultOn).SelectMany(p => p.Lines).ToList());

    private static string Text(IEnumerable<DropInDirective> lines) => "[Service]\n" + string.Concat(lines.Select(l => l.Line + "\n"));
}
