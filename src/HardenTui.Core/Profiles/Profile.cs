using System.Text.RegularExpressions;
using HardenTui.Core.Directives;
using HardenTui.Core.Overrides;
using HardenTui.Core.Units;

namespace HardenTui.Core.Profiles;

/// <summary>
/// A reusable hardening for one kind of daemon: the units it is for (names or globs such as "apache2*.service"),
/// the directives with a reason each, where it is known to work, a probe that shows the service still serves,
/// and notes for the admin. Loaded from and written to YAML (profiles/README.md has the schema).
/// </summary>
public sealed record Profile(
    string Name,
    string Description,
    IReadOnlyList<string> Units,
    IReadOnlyList<ProfileDirective> Directives,
    ProfileConditions Conditions,
    string? Probe = null,
    string? Notes = null)
{
    /// <summary>True when the unit matches one of the profile's unit names or globs (* and ?).</summary>
    public bool AppliesTo(string unit)
    {
        var name = UnitName.Parse(unit).Value;
        return Units.Any(u => Regex.IsMatch(name, "^" + Regex.Escape(u).Replace("\\*", ".*").Replace("\\?", ".") + "$"));
    }

    /// <summary>
    /// The oldest systemd that knows every directive of the profile and meets its stated minimum (directive
    /// versions from the catalog): an older one would ignore unknown lines and leave the service less hardened
    /// than the profile promises.
    /// </summary>
    public int RequiredSystemd(DirectiveCatalog catalog) =>
        Math.Max(catalog.Newest(Lines())?.Since ?? 0, Conditions.MinSystemd ?? 0);

    /// <summary>
    /// Why this profile should not be applied on a machine with this systemd and architecture; empty when it may.
    /// When a directive or value raises the requirement, it is named with its version.
    /// </summary>
    public IReadOnlyList<string> Unmet(DirectiveCatalog catalog, int systemdVersion, string architecture)
    {
        var unmet = (Conditions with { MinSystemd = RequiredSystemd(catalog) }).Unmet(systemdVersion, architecture).ToList();
        if (unmet.Count > 0 && catalog.Newest(Lines()) is { } newest && newest.Since > systemdVersion && newest.Since > (Conditions.MinSystemd ?? 0))
            unmet[0] += $" ({newest.Line} needs {newest.Since})";
        return unmet;
    }

    private IEnumerable<(string Name, string Value)> Lines() => Directives.SelectMany(d => d.Values.Select(v => (d.Name, v)));

    /// <summary>The drop-in this profile writes for the unit: one line per value, in the profile's order, reasons kept.</summary>
    public DropIn ToDropIn(string unit) =>
        new(UnitName.Parse(unit).Value,
            Directives.SelectMany(d => d.Values.Select(v => new DropInDirective(d.Name, v, d.Reason))).ToList());

    /// <summary>A profile from a drop-in (the wizard's "save as profile"): repeated names become one directive with several values.</summary>
    public static Profile FromDropIn(string name, string description, DropIn dropIn, string? probe = null, string? notes = null)
    {
        var directives = new List<ProfileDirective>();
        foreach (var group in dropIn.Directives.GroupBy(d => d.Name, StringComparer.Ordinal))
        {
            var reason = string.Join('\n', group.Select(d => d.Reason).Where(r => r.Length > 0).Distinct());
            directives.Add(new ProfileDirective(group.Key, group.Select(d => d.Value).ToList(), reason.Length > 0 ? reason : "set in the wizard"));
        }
        return new Profile(name, description, [dropIn.Unit], directives, ProfileConditions.None, probe, notes);
    }
}
