using HardenTui.Core.Units;

using System.Globalization;
using System.Text;

namespace HardenTui.Core.Overrides;

/// <summary>
/// The drop-in HardenTui writes for one service: ordered directives, each with its reason. Rendering adds a
/// header saying what wrote it, when (passed in: Core has no clock) and how to undo it; <see cref="Parse"/>
/// reads our own rendering back (reasons included), so a drop-in round-trips.
/// </summary>
public sealed record DropIn(string Unit, IReadOnlyList<DropInDirective> Directives)
{
    private const string Marker = "# Written by HardenTui";

    public DropIn Without(IEnumerable<string> names)
    {
        var drop = names.ToHashSet(StringComparer.Ordinal);
        return this with { Directives = Directives.Where(d => !drop.Contains(d.Name)).ToList() };
    }

    public string Render(DateTimeOffset writtenAt)
    {
        var unit = UnitName.Parse(Unit).Value;
        var text = new StringBuilder();
        text.Append(Marker).Append(" for ").Append(unit).Append(" on ")
            .Append(writtenAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("# What: sandboxing directives chosen with HardenTui (from a trace, a profile or by hand); each reason is above its line.\n");
        text.Append("# Undo: hardentui rollback ").Append(unit).Append('\n');
        text.Append("#   or: rm /").Append(DropInPaths.PersistentFile(unit))
            .Append(" && systemctl daemon-reload && systemctl restart ").Append(unit).Append('\n');
        text.Append("[Service]\n");
        foreach (var d in Directives)
        {
            foreach (var line in d.Reason.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                text.Append("# ").Append(line).Append('\n');
            text.Append(d.Line).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>True when the text carries our header, i.e. it is ours to replace or remove.</summary>
    public static bool IsOurs(string text) => text.StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>
    /// Reads a drop-in written by <see cref="Render"/> (or a hand-written one with only [Service]), checked to hold
    /// hardening directives only (<see cref="HardeningDropIn.Parse"/>); errors name the line.
    /// </summary>
    public static DropIn Parse(string unit, string text) => HardeningDropIn.Parse(unit, text, HardenTui.Core.Directives.DirectiveCatalog.Load());
}
