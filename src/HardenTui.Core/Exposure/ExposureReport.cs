using System.Globalization;

namespace HardenTui.Core.Exposure;

/// <summary>The exposure of one unit: rows in systemd's display order and the overall 0.0–10.0 number.</summary>
public sealed record ExposureReport(string Unit, IReadOnlyList<ExposureRow> Rows, int ExposureTenths)
{
    /// <summary>Overall exposure with one decimal, as systemd prints it (9.6).</summary>
    public double Exposure => ExposureTenths / 10.0;

    public string ExposureText => Tenths(ExposureTenths);

    /// <summary>systemd's verdict word (analyze-security.c badness_table[], 252).</summary>
    public string Predicate => ExposureTenths switch
    {
        >= 100 => "DANGEROUS",
        >= 90 => "UNSAFE",
        >= 75 => "EXPOSED",
        >= 50 => "MEDIUM",
        >= 10 => "OK",
        >= 1 => "SAFE",
        _ => "PERFECT",
    };

    public static string Tenths(int tenths) => string.Create(CultureInfo.InvariantCulture, $"{tenths / 10}.{tenths % 10}");
}
