namespace HardenTui.Host.Sandbox;

/// <summary>Reads this mount namespace's mount points (/proc/self/mountinfo, field 5, octal escapes decoded).</summary>
internal static class MountTable
{
    public static IReadOnlyList<string> MountPoints()
    {
        var result = new List<string>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4) result.Add(Decode(fields[4]));
        }
        return result;
    }

    /// <summary>Mount points at or below <paramref name="dir"/>, deepest first (the order to unmount them in).</summary>
    public static IReadOnlyList<string> Below(string dir)
    {
        var prefix = dir.TrimEnd('/') + "/";
        return MountPoints().Where(m => m == dir.TrimEnd('/') || m.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct().OrderByDescending(m => m.Length).ToList();
    }

    private static string Decode(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && IsOctal(s, i + 1))
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s.Substring(at, 3).All(c => c is >= '0' and <= '7');
}
