using System.Text.Json;
using HardenTui.Core.Tracing;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

/// <summary>A unit's Exec*= commands from its properties: the ...Ex variants (with prefix flags) where systemd has them.</summary>
internal static class UnitCommands
{
    public static IReadOnlyDictionary<string, IReadOnlyList<ExecCommand>> Of(UnitProperties p) =>
        StraceDropIn.Settings.ToDictionary(s => s, s => Read(p, s));

    private static IReadOnlyList<ExecCommand> Read(UnitProperties p, string setting)
    {
        if (p.Values.TryGetValue(setting + "Ex", out var ex) && ex.ValueKind == JsonValueKind.Array)
            return ex.EnumerateArray().Select(c => new ExecCommand(c[0].GetString()!, Strings(c[1]), Strings(c[2]))).ToList();
        if (p.Values.TryGetValue(setting, out var plain) && plain.ValueKind == JsonValueKind.Array)
            return plain.EnumerateArray().Select(c => new ExecCommand(c[0].GetString()!, Strings(c[1]),
                c[2].ValueKind == JsonValueKind.True ? ["ignore-failure"] : [])).ToList();
        return [];
    }

    private static IReadOnlyList<string> Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToList();
}
