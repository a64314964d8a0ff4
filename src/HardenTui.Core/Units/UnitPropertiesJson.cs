using System.Text.Json;
using HardenTui.Core.Tracing;

namespace HardenTui.Core.Units;

/// <summary>
/// Unit properties in the JSON form `busctl --json=short` prints for Properties.GetAll ({"Name": data, …}): the
/// exposure goldens were recorded from systemd 252 that way (tests/HardenTui.Host.Tests/golden/regen.sh). Read into
/// the same typed <see cref="UnitProperties"/> the D-Bus client produces.
/// </summary>
public static class UnitPropertiesJson
{
    public static UnitProperties Read(string unit, JsonElement properties)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var p in properties.EnumerateObject())
            if (UnitProperties.Schema.TryGetValue(p.Name, out var kind) && Decode(kind, p.Value) is { } v)
                values[p.Name] = v;
        return new UnitProperties(unit, values);
    }

    private static object? Decode(PropertyKind kind, JsonElement v) => kind switch
    {
        PropertyKind.String => v.ValueKind == JsonValueKind.String ? v.GetString() : null,
        PropertyKind.Bool => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null,
        PropertyKind.Int32 => v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null,
        PropertyKind.UInt32 or PropertyKind.UInt64 => v.ValueKind == JsonValueKind.Number ? v.GetUInt64() : null,
        PropertyKind.Strings => Strings(v),
        PropertyKind.Commands => v.EnumerateArray().Select(c => new ExecCommand(c[0].GetString()!, Strings(c[1]), c[2].GetBoolean() ? ["ignore-failure"] : [])).ToArray(),
        PropertyKind.CommandsEx => v.EnumerateArray().Select(c => new ExecCommand(c[0].GetString()!, Strings(c[1]), Strings(c[2]))).ToArray(),
        PropertyKind.Filter => new FilterList(v[0].GetBoolean(), Strings(v[1])),
        PropertyKind.Devices => v.EnumerateArray().Select(d => new DeviceRule(d[0].GetString()!, d[1].GetString()!)).ToArray(),
        PropertyKind.IpAddresses => v.EnumerateArray().Select(e => UnitProperties.IpEntry(e[0].GetInt32(), e[1].EnumerateArray().Select(b => b.GetByte()).ToArray(), e[2].GetInt32())).ToArray(),
        _ => null,
    };

    private static string[] Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToArray();
}
