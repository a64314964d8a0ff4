using HardenTui.Core.Overrides;

namespace HardenTui.Core.Proposals;

/// <summary>The shared vocabulary of the resolver's rules: paths, evidence lines and the on/off proposal shapes.</summary>
internal sealed class RuleKit(Observations seen, CurrentHardening current, UnitContext? context = null)
{
    /// <summary>The unit's name, owner and directories, when known (the idioms need them).</summary>
    public UnitContext? Context { get; } = context;

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
        item.Evidence.Length > 0 ? $"{item.Key} ({item.Count}x): {Squeeze(item.Evidence)}" : $"{item.Key} ({item.Count}x)";

    /// <summary>A trace line with its column padding folded to single spaces, so it reads in a narrow pane.</summary>
    public static string Squeeze(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static IReadOnlyList<string> Lines(IEnumerable<ObservedItem> items) => items.Take(5).Select(Line).ToList();

    /// <summary>
    /// A yes/no directive decided by what blocks it: off with the blockers as evidence, on otherwise. Nothing is
    /// proposed when the unit already sets it.
    /// </summary>
    public Proposal? Flag(string directive, string whyOn, string whyOff, IEnumerable<ObservedItem> blockers) =>
        Value(directive, "yes", whyOn, whyOff, blockers, alreadyStrict: Current.IsYes(directive));

    /// <summary>
    /// A directive with a value. <paramref name="basis"/> is what the value was built from (an allow-list's members,
    /// the reads that permit read-only): it becomes the evidence when the directive is on. Without a basis the
    /// evidence says nothing in the trace stood in the way.
    /// </summary>
    public Proposal? Value(string directive, string value, string whyOn, string whyOff, IEnumerable<ObservedItem> blockers,
        bool alreadyStrict, IReadOnlyList<string>? basis = null, params DropInDirective[] companions)
    {
        if (alreadyStrict) return null;
        var lines = new List<DropInDirective> { new(directive, value, whyOn) };
        lines.AddRange(companions);
        if (!Seen.Traced)
            return new Proposal(directive, lines, false, "no trace to check it against; trace the service first", []);
        var found = blockers.ToList();
        return found.Count > 0
            ? new Proposal(directive, lines, false, whyOff, Lines(found))
            : new Proposal(directive, lines, true, whyOn, basis ?? [NothingNeedsIt]);
    }

    public const string NothingNeedsIt = "nothing in the trace needs it";

    /// <summary>Evidence for a value the trace does not decide (an error number, a umask): says so, and why.</summary>
    public static IReadOnlyList<string> NotFromTrace(string why) => [$"not decided by the trace: {why}"];

    /// <summary>Evidence for a list built from the trace: how many items, then the first few of them.</summary>
    public static IReadOnlyList<string> BuiltFrom(string what, IReadOnlyCollection<string> items) =>
        items.Count == 0 ? [$"the trace shows no {what}"]
            : [$"built from {items.Count} {what} seen in the trace:", .. items.Take(6).Select(i => "  " + i),
               .. items.Count > 6 ? new[] { $"  … {items.Count - 6} more" } : []];

    /// <summary>A choice tracing cannot make for the user: proposed off and marked as theirs to decide.</summary>
    public Proposal? YourCall(string directive, string value, string why, bool alreadySet) =>
        alreadySet ? null : new Proposal(directive, [new DropInDirective(directive, value, why)], false, why, [], YourCall: true);
}
