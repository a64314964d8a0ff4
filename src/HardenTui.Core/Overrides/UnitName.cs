using System.Text.RegularExpressions;

namespace HardenTui.Core.Overrides;

/// <summary>
/// A service unit name as the user typed it, checked before it becomes part of a path. Characters follow
/// systemd's unit-name rules (src/basic/unit-name.c, VALID_CHARS "0-9A-Za-z:-_.\\" plus '@'), so no '/' and
/// no "..": a name can never escape /etc/systemd/system.
/// </summary>
public static partial class UnitName
{
    [GeneratedRegex(@"^[A-Za-z0-9:_.\\-]+(@[A-Za-z0-9:_.\\-]*)?\.service$")]
    private static partial Regex ServicePattern();

    /// <summary>"nginx" → "nginx.service"; rejects anything that is not a plain service name.</summary>
    public static string Normalize(string unit)
    {
        var name = unit.Trim();
        if (!name.Contains('.')) name += ".service";
        if (name.Length > 255 || name.StartsWith('.') || name.Contains("..") || !ServicePattern().IsMatch(name))
            throw new BadInputException($"'{unit}' is not a service unit name (expected e.g. nginx.service)");
        return name;
    }
}
