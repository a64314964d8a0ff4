// Proposing again for a unit that already runs with our drop-in: the resolver reads the unit's settings as they are,
// ours included, so what our drop-in sets looks "already set by the unit" and is not proposed again (a value never
// goes below what the unit sets), while the new drop-in replaces ours as a whole. A second `apply --auto` on nginx
// wrote 3 lines over 33 and took it from 2.6 back to 9.6 while it promised 2.6. So every directive of the applied
// drop-in that the new proposals do not mention at all is kept, as it is: the service has been running with it. A
// directive the proposals do mention (a stronger value, or off because the new trace shows a need) follows them.
using HardenTui.Core.Overrides;

namespace HardenTui.Core.Proposals;

public static class AppliedDropIn
{
    public const string KeptReason = "kept from the drop-in applied now: the service runs with it, and the trace shows no need against it";

    /// <summary>The proposals plus, per directive of <paramref name="applied"/> that no proposal names, a proposal keeping its lines on.</summary>
    public static IReadOnlyList<Proposal> Keep(IReadOnlyList<Proposal> proposals, DropIn? applied)
    {
        if (applied is null || applied.Directives.Count == 0) return proposals;
        var named = proposals.SelectMany(p => p.Lines.Select(l => l.Name).Append(p.Directive)).ToHashSet(StringComparer.Ordinal);
        var kept = applied.Directives
            .Where(d => !named.Contains(d.Name))
            .GroupBy(d => d.Name, StringComparer.Ordinal)
            .Select(g => new Proposal(g.Key, g.Select(d => d with { Reason = KeptReason }).ToList(), DefaultOn: true, KeptReason, []));
        return [.. proposals, .. kept];
    }
}
