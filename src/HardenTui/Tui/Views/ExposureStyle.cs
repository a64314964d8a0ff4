namespace HardenTui.Tui.Views;

/// <summary>
/// Exposure as `systemd-analyze security` shows it: the predicate thresholds and colours of
/// src/analyze/analyze-security.c (systemd 252), plus our small gauge.
/// </summary>
internal static class ExposureStyle
{
    public static string Predicate(double exposure) => exposure switch
    {
        >= 10.0 => "DANGEROUS",
        >= 9.0 => "UNSAFE",
        >= 7.5 => "EXPOSED",
        >= 5.0 => "MEDIUM",
        >= 1.0 => "OK",
        > 0.0 => "SAFE",
        _ => "PERFECT",
    };

    public static string Color(double exposure) => exposure switch
    {
        >= 9.0 => "red",
        >= 7.5 => "yellow",
        >= 5.0 => "default",
        _ => "green",
    };

    /// <summary>"9.6 UNSAFE" with its colour, as markup; "…" when not scored yet.</summary>
    public static string Label(double? exposure, Glyphs g) =>
        exposure is { } e ? $"[{Color(e)} bold]{e:0.0} {Predicate(e)}[/]" : $"[dim]{g.Ellipsis}[/]";

    /// <summary>A gauge of <paramref name="cells"/> cells, filled in proportion to exposure / 10.</summary>
    public static string Gauge(double? exposure, int cells, Glyphs g)
    {
        if (exposure is not { } e)
            return new string(' ', cells);
        var filled = (int)Math.Round(Math.Clamp(e / 10.0, 0, 1) * cells);
        return $"[{Color(e)}]{string.Concat(Enumerable.Repeat(g.Full, filled))}[/][dim]{string.Concat(Enumerable.Repeat(g.Empty, cells - filled))}[/]";
    }
}
