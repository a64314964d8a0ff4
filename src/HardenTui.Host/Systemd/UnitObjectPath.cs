using System.Text;

namespace HardenTui.Host.Systemd;

/// <summary>
/// The D-Bus object path of a unit: /org/freedesktop/systemd1/unit/ + the name escaped as systemd's
/// bus_label_escape() does (src/basic/bus-label.c, v252): ASCII letters and digits stay (a leading digit does not),
/// every other byte becomes _XX in lower-case hex.
/// </summary>
public static class UnitObjectPath
{
    public const string Prefix = "/org/freedesktop/systemd1/unit/";

    public static string Of(string unit)
    {
        var sb = new StringBuilder(Prefix, Prefix.Length + unit.Length * 2);
        var bytes = Encoding.UTF8.GetBytes(unit);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var keep = b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' || (i > 0 && b is >= (byte)'0' and <= (byte)'9');
            if (keep) sb.Append((char)b);
            else sb.Append('_').Append(b.ToString("x2"));
        }
        return sb.ToString();
    }

    /// <summary>The unit name of an object path below <see cref="Prefix"/> (bus_label_unescape); null for any other path.</summary>
    public static string? NameOf(string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal) || path.Length == Prefix.Length) return null;
        var label = path.AsSpan(Prefix.Length);
        var bytes = new List<byte>(label.Length);
        for (var i = 0; i < label.Length; i++)
        {
            if (label[i] == '_' && i + 2 < label.Length && byte.TryParse(label.Slice(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else bytes.Add((byte)label[i]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
