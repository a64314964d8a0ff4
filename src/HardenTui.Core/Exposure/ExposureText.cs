// Renders a report like `systemd-analyze security` does when piped (format-table.c, 252): columns separated by
// one space, each as wide as its widest cell, EXPOSURE right-aligned, an empty last cell trimmed away; ASCII marks
// ("+", "-", "->") as systemd prints them without a UTF-8 locale, so no glyph can misalign.
using System.Text;
using System.Text.Json;

namespace HardenTui.Core.Exposure;

public static class ExposureText
{
    public static string Table(ExposureReport report)
    {
        var rows = report.Rows.Select(r => (Mark: r.Set switch { true => "+", false => "-", null => " " }, r.Name, Description: r.Description ?? "", Exposure: r.Exposure ?? "")).ToList();
        var nameWidth = Math.Max("NAME".Length, rows.Max(r => r.Name.Length));
        var descriptionWidth = Math.Max("DESCRIPTION".Length, rows.Max(r => r.Description.Length));
        var exposureWidth = Math.Max("EXPOSURE".Length, rows.Max(r => r.Exposure.Length));
        var text = new StringBuilder();
        void Line(string mark, string name, string description, string exposure) =>
            text.Append($"{mark} {name.PadRight(nameWidth)} {description.PadRight(descriptionWidth)} ")
                .Append(exposure.Length == 0 ? "" : exposure.PadLeft(exposureWidth)).Append('\n');
        Line(" ", "NAME", "DESCRIPTION", "EXPOSURE");
        foreach (var r in rows)
            Line(r.Mark, r.Name, r.Description, r.Exposure);
        text.Append('\n').Append($"-> Overall exposure level for {report.Unit}: {report.ExposureText} {report.Predicate}\n");
        return text.ToString();
    }

    /// <summary>Writer options that keep apostrophes and '|' readable, as systemd prints them.</summary>
    public static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>{"unit", "exposure", "predicate", "rows": [systemd-analyze --json=short objects]}.</summary>
    public static void WriteJson(Utf8JsonWriter json, ExposureReport report, ExposureReport? before = null)
    {
        json.WriteStartObject();
        json.WriteString("unit", report.Unit);
        json.WriteNumber("exposure", report.Exposure);
        json.WriteString("predicate", report.Predicate);
        if (before is not null)
        {
            json.WriteNumber("exposure_before", before.Exposure);
            json.WriteString("predicate_before", before.Predicate);
            json.WriteNumber("delta", (report.ExposureTenths - before.ExposureTenths) / 10.0);
        }
        json.WriteStartArray("rows");
        foreach (var row in report.Rows)
        {
            json.WriteStartObject();
            if (row.Set is { } set) json.WriteBoolean("set", set); else json.WriteNull("set");
            json.WriteString("name", row.Name);
            json.WriteString("json_field", row.JsonField);
            json.WriteString("description", row.Description);
            json.WriteString("exposure", row.Exposure);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
