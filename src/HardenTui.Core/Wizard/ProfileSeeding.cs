using HardenTui.Core.Profiles;
using HardenTui.Core.Proposals;

namespace HardenTui.Core.Wizard;

/// <summary>
/// Preselects the levels' toggles from a profile. Every directive the profile names is switched on with the
/// profile's value and reason; directives it does not name keep what the proposals said. After a trace the trace
/// refines the profile: a value the trace proposed stays (it was built on this machine), and a directive the trace
/// shows a need against stays off, with both sides in its evidence. A directive kept off only because a session
/// service's sessions or jobs would inherit it (<see cref="SessionRules"/>) is no need the trace shows: the profile,
/// written for that service's jobs (cron's), switches it on as it does without a trace, and the warning stays in its
/// evidence. Profile lines the proposals lack go to their own step.
/// </summary>
public static class ProfileSeeding
{
    public const string ProfileStep = "profile";

    public static IReadOnlyList<LevelStep> Apply(IReadOnlyList<LevelStep> steps, ProfileSeed seed, bool traced)
    {
        var byName = seed.Directives.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var seeded = steps.Where(s => s.Name != ProfileStep).Select(s => s with
        {
            Directives = s.Directives.Select(d =>
            {
                if (!byName.TryGetValue(d.Name, out var p)) return d;
                used.Add(d.Name);
                return Seed(d, p, seed.Name, traced);
            }).ToList(),
        }).ToList();
        var rest = seed.Directives.SelectMany(p => p.Values.Skip(used.Contains(p.Name) ? 1 : 0).Select(v => (p, v)))
            .Select(x => new DirectiveToggle(x.p.Name, x.v, true, false, x.p.Reason, [$"from profile {seed.Name}"], 0)).ToList();
        if (rest.Count > 0)
            seeded.Add(new LevelStep(ProfileStep, rest));
        return seeded;
    }

    private static DirectiveToggle Seed(DirectiveToggle d, ProfileDirective p, string profile, bool traced)
    {
        var says = $"profile {profile}: {Oneline(p.Reason)}";
        var forSessions = !d.On && SessionRules.OffOnlyForTheSessions(d.Explanation);
        var blocked = traced && !d.On && d.Evidence.Count > 0 && !d.Explanation.EndsWith("(your call)", StringComparison.Ordinal) && !forSessions;
        if (blocked)
            return d with { Evidence = [$"{says} — kept off, the trace shows a need:", .. d.Evidence] };
        if (traced && d.On)
            return d with { Evidence = [says, .. d.Evidence] };
        return d with
        {
            On = true, Value = p.Values[0], Explanation = Oneline(p.Reason),
            Evidence = forSessions ? [says, "off by default: " + d.Explanation, .. d.Evidence.Where(e => e.StartsWith("session service: ", StringComparison.Ordinal))] : [says],
        };
    }

    private static string Oneline(string text) => text.ReplaceLineEndings(" ");
}
