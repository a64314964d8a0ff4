namespace HardenTui.Core.Directives;

/// <summary>
/// systemd's major version as the tools print it ("systemd 257 (257.13-1~deb13u1)", the Manager's Version property
/// "257.13-1~deb13u1", or "252"), and the versions HardenTui is tested against.
/// </summary>
public static class SystemdVersions
{
    /// <summary>Debian 12's systemd: what exposure and parsing assume when nothing says otherwise.</summary>
    public const int Baseline = 252;

    /// <summary>The versions whose systemd-analyze the goldens and the live tests compare against.</summary>
    public static readonly IReadOnlyList<int> Tested = [252, 254, 257];

    /// <summary>The major version in a version string; null when there is none.</summary>
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.StartsWith("systemd ", StringComparison.Ordinal)) t = t["systemd ".Length..];
        var digits = new string(t.TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and < 5 ? int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// A systemd version the user names (e.g. `analyze --offline --systemd-version 257`): a plain major version from
    /// <see cref="Baseline"/> to <paramref name="newest"/> (the newest the catalog knows); anything else is bad input.
    /// </summary>
    public static int FromUser(string text, string option, int newest)
    {
        var t = text.Trim();
        if (t.Length is 0 or > 4 || !t.All(char.IsAsciiDigit))
            throw new BadInputException($"{option} {text}: not a systemd version number (such as {Baseline} or 257)");
        var version = int.Parse(t, System.Globalization.CultureInfo.InvariantCulture);
        if (version < Baseline || version > newest)
            throw new BadInputException($"{option} {version}: HardenTui knows systemd {Baseline} to {newest}");
        return version;
    }
}
