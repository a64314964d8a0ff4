// One row of systemd-analyze security. The rows, their weights, ranges and descriptions are data:
// assessors.json, transcribed from systemd 252.39 src/analyze/analyze-security.c security_assessor_table[]
// (identical in 257.13; the CAP_BPF row arrived in 252.19).
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HardenTui.Core.Exposure;

public sealed record Assessor(
    string Id,
    [property: JsonPropertyName("json")] string JsonField,
    string Directive,
    int Weight,
    int Range,
    string Assess,
    string? Good,
    string? Bad,
    string? Na,
    string Url,
    bool DefaultDependenciesOnly,
    string? Field = null,
    ulong Mask = 0,
    string? Group = null,
    bool Inverted = false,
    string? Since = null)
{
    private static readonly Lazy<IReadOnlyList<Assessor>> Table = new(LoadTable);

    /// <summary>The 81 rows in systemd's evaluation order.</summary>
    public static IReadOnlyList<Assessor> All => Table.Value;

    public string ManPageUrl => "https://www.freedesktop.org/software/systemd/man/systemd.exec.html#" + Url;

    private static IReadOnlyList<Assessor> LoadTable()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("HardenTui.Core.Exposure.assessors.json")
            ?? throw new InvalidOperationException("assessors.json resource missing");
        return JsonSerializer.Deserialize(stream, CoreJson.Default.ListAssessor)!;
    }
}
