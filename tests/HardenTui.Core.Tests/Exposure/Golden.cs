using System.Text.Json;
using HardenTui.Core.Exposure;
using HardenTui.Core.Syscalls;
using HardenTui.Core.Units;

namespace HardenTui.Core.Tests.Exposure;

/// <summary>Reads the goldens recorded from the real systemd-analyze 252 (see tests/HardenTui.Host.Tests/golden/regen.sh).</summary>
internal static class Golden
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Exposure", "golden");

    public static readonly SyscallGroups Groups = SyscallGroups.Parse(File.ReadAllText(Path.Combine(Root, "syscall-filter.txt")));

    public static IEnumerable<object[]> Names(string kind) =>
        Directory.GetFiles(Path.Combine(Root, kind), "*.json").Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }).OrderBy(o => (string)o[0]);

    public static JsonElement Read(string kind, string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, kind, name + ".json"))).RootElement;

    public static SecurityInfo Online(JsonElement record, string? unitText = null) =>
        SecurityInfo.FromProperties(UnitPropertiesJson.Read(record.GetProperty("unit").GetString()!, record.GetProperty("properties")), Groups, unitText);

    public static EffectiveUnit OfflineUnit(string fileName)
    {
        var path = Path.Combine(Root, "offline", "units", fileName);
        var dropInDir = path + ".d";
        var dropIns = Directory.Exists(dropInDir)
            ? Directory.GetFiles(dropInDir, "*.conf").Order(StringComparer.Ordinal).Select(f => UnitFile.Parse(File.ReadAllText(f), f)).ToList()
            : [];
        return new EffectiveUnit(fileName, UnitFile.Parse(File.ReadAllText(path), path), dropIns);
    }

    /// <summary>One line per row, the five fields systemd-analyze prints, for readable diffs.</summary>
    public static string[] Expected(JsonElement record) =>
        record.GetProperty("analyze").EnumerateArray().Select(r => Line(
            r.GetProperty("set").ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null },
            r.GetProperty("name").GetString()!, r.GetProperty("json_field").GetString()!,
            r.GetProperty("description").GetString(), r.GetProperty("exposure").GetString())).ToArray();

    public static string[] Actual(ExposureReport report) =>
        report.Rows.Select(r => Line(r.Set, r.Name, r.JsonField, r.Description, r.Exposure)).ToArray();

    private static string Line(bool? set, string name, string json, string? description, string? exposure) =>
        $"{set?.ToString() ?? "null"} | {name} | {json} | {description ?? "null"} | {exposure ?? "null"}";
}
