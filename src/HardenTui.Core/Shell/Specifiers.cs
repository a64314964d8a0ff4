using System.Globalization;
using System.Text;
using HardenTui.Core.Units;

namespace HardenTui.Core.Shell;

/// <summary>
/// The %-specifiers of systemd.unit(5) that depend only on the unit's name and the system manager's fixed
/// directories. A transient unit does not expand specifiers in values set over the bus, so the shell's settings
/// are expanded here, for the service's name (not the shell's).
/// </summary>
public static class Specifiers
{
    /// <summary>The value with its specifiers expanded; null (and the letter in <paramref name="unknown"/>) when one needs more than the name.</summary>
    public static string? Expand(string value, UnitName unit, out char unknown)
    {
        unknown = '\0';
        if (!value.Contains('%')) return value;
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%') { text.Append(value[i]); continue; }
            if (i + 1 >= value.Length) { unknown = '%'; return null; }
            var letter = value[++i];
            var expanded = Of(letter, unit);
            if (expanded is null) { unknown = letter; return null; }
            text.Append(expanded);
        }
        return text.ToString();
    }

    private static string? Of(char letter, UnitName unit) => letter switch
    {
        '%' => "%",
        'n' => unit.Value,
        'N' => unit.Value[..^".service".Length],
        'p' => unit.Prefix,
        'P' => Unescape(unit.Prefix),
        'i' => unit.Instance ?? "",
        'I' => Unescape(unit.Instance ?? ""),
        'j' => unit.Prefix[(unit.Prefix.LastIndexOf('-') + 1)..],
        'J' => Unescape(unit.Prefix[(unit.Prefix.LastIndexOf('-') + 1)..]),
        'S' => "/var/lib",
        'C' => "/var/cache",
        'L' => "/var/log",
        'E' => "/etc",
        't' => "/run",
        'T' => "/tmp",
        'V' => "/var/tmp",
        _ => null,
    };

    /// <summary>unit_name_unescape (src/basic/unit-name.c): '-' is '/', "\xNN" is that byte.</summary>
    private static string Unescape(string s)
    {
        var text = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '-') text.Append('/');
            else if (s[i] == '\\' && i + 3 < s.Length && s[i + 1] == 'x'
                     && byte.TryParse(s.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                text.Append((char)b);
                i += 3;
            }
            else text.Append(s[i]);
        }
        return text.ToString();
    }
}
