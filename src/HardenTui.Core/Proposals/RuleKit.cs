using HardenTui.Core.Overrides;

namespace HardenTui.Core.Proposals;

/// <summary>The shared vocabulary of the resolver's rules: paths, evidence lines and the on/off proposal shapes.</summary>
internal sealed class RuleKit(Observations seen, CurrentHardening current)
{
    public Observations Seen { get; } = seen;
    public CurrentHardening Current { get; } = current;

    public static bool IsUnder(string path, string prefix) =>
        path == prefix || path.StartsWith(prefix.TrimEnd('/') + "/", StringComparison.Ordinal);

    public static bool IsUnderAny(string path, params string[] prefixes) => prefixes.Any(p => IsUnder(path, p));

    /// <summary>Every path the service touched, of the given kinds (default: read, written, created).</summary>
    public IEnumerable<ObservedItem> Paths(params string[] kinds) =>
        (kinds.Length == 0 ? ["pathRead", "pathWritten", "pathCreated", "executedFile"] : kinds).SelectMany(Seen.Of);

    public IEnumerable<ObservedItem> Writes() => Paths("pathWritten", "pathCreated");

    public static string Line(ObservedItem item) =>
        item.Evidence.Length > 0 ? $"{item.Key} ({item.Count}x): {item.Evidence}" : $"{item.Key} ({item.Count}x)";

    public static IReadOnlyList<string> Lines(IEnumerable<ObservedItem> items) => items.Take(5).Select(Line).ToList();

    /// <summary>
    /// A yes/no directive decided by what blocks it: off with the blockers as evidence, on otherwise. Nothing is
    /// proposed when the unit already sets it.
    /// </summary>
    public Proposal? Flag(string directive, string whyOn, string whyOff, IEnumerable<ObservedItem> blockers) =>
        Value(directive, "yes", whyOn, whyOff, blockers, alreadyStrict: Current.IsYes(directive));

    public Proposal? Value(string directive, string value, string whyOn, string whyOff, IEnumerable<ObservedItem> blockers,
        bool alreadyStrict, params DropInDirective[] companions)
    {
        if (alreadyStrict) return null;
        var lines = new List<DropInDirective> { new(directive, value, whyOn) };
        lines.AddRange(companions);
        if (!Seen.Traced)
            return new Proposal(directive, lines, false, "no trace to check it against; trace the service first", []);
        var found = blockers.ToList();
        return found.Count > 0
            ? new Proposal(directive, lines, false, whyOff, Lines(found))
            : new Proposal(directive, lines, true, whyOn, ["nothing in the trace needs it"]);
    }

    /// <summary>A choice tracing cannot make for the user: proposed off and marked as theirs to decide.</summary>
    public Proposal? YourCall(string directive, string value, string why, bool alreadySet) =>
        alreadySet ? null : new Proposal(directive, [new DropInDirective(directive, value, why)], false, why, [], YourCall: true);
}
