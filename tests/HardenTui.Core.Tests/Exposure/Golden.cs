using System.Text.Json;
using HardenTui.Core.Exposure;
using HardenTui.Core.Syscalls;
using HardenTui.Core.Units;

namespace HardenTui.Core.Tests.Exposure;

/// <summary>
/// Reads the goldens recorded from the real systemd-analyze (see tests/HardenTui.Host.Tests/golden/regen.sh): 252 in
/// golden/, each other version in golden/vNNN/; the offline unit files are shared. Each version's syscall groups are the
/// listing regen.sh records into src/HardenTui.Core/Syscalls/recorded/, which ships (`analyze --offline --systemd-version`).
/// </summary>
internal static class Golden
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Exposure", "golden");

    /// <summary>The other systemd versions recorded (Debian 12 backports' 254, Debian 13's 257).</summary>
    public static readonly int[] OtherVersions = [254, 257];

    public static string RootOf(int version) => version == 252 ? Root : Path.Combine(Root, $"v{version}");

    public static readonly SyscallGroups Groups = GroupsOf(252);

    public static SyscallGroups GroupsOf(int version) => SyscallGroups.Recorded(version);

    public static IEnumerable<object[]> Names(string kind) =>
        Directory.GetFiles(Path.Combine(Root, kind), "*.json").Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }).OrderBy(o => (string)o[0]);

    /// <summary>(version, name) for every golden of the other versions.</summary>
    public static IEnumerable<object[]> VersionedNames(string kind) =>
        OtherVersions.SelectMany(v => Directory.GetFiles(Path.Combine(RootOf(v), kind), "*.json")
            .Select(f => new object[] { v, Path.GetFileNameWithoutExtension(f) }).OrderBy(o => (string)o[1]));

    public static JsonElement Read(string kind, string name, int version = 252) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RootOf(version), kind, name + ".json"))).RootElement;

    public static SecurityInfo Online(JsonElement record, string? unitText = null, SyscallGroups? groups = null) =>
        SecurityInfo.FromProperties(UnitPropertiesJson.Read(record.GetProperty("unit").GetString()!, record.GetProperty("properties")), groups ?? Groups, unitText);

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
