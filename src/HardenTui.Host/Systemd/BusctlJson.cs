using System.Text.Json;

namespace HardenTui.Host.Systemd;

/// <summary>
/// Parses what `busctl --json=short` prints: {"type":"SIG","data":[ARG,…]} for a method reply; for
/// Properties.GetAll the single argument is a{sv}: {"Name":{"type":"s","data":VALUE},…}.
/// </summary>
public static class BusctlJson
{
    public static JsonElement ReplyArgs(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                throw new SystemdException("busctl printed a reply without a data array");
            return data.Clone();
        }
        catch (JsonException e)
        {
            throw new SystemdException($"busctl printed JSON that does not parse: {e.Message}");
        }
    }

    /// <summary>The a{sv} of a GetAll reply as name → the variant's data.</summary>
    public static Dictionary<string, JsonElement> Properties(string json)
    {
        var args = ReplyArgs(json);
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (args.GetArrayLength() == 0 || args[0].ValueKind != JsonValueKind.Object) return result;
        foreach (var p in args[0].EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("data", out var v))
                result[p.Name] = v;
        return result;
    }

    /// <summary>The a(ssssssouso) of ListUnits*: name, description, load, active, sub state (and more we ignore).</summary>
    public static IReadOnlyList<UnitStatus> Units(string json)
    {
        var args = ReplyArgs(json);
        if (args.GetArrayLength() == 0) return [];
        return args[0].EnumerateArray()
            .Where(u => u.ValueKind == JsonValueKind.Array && u.GetArrayLength() >= 5)
            .Select(u => new UnitStatus(u[0].GetString()!, u[1].GetString()!, u[2].GetString()!, u[3].GetString()!, u[4].GetString()!))
            .ToList();
    }

    /// <summary>The single object path or string a method returns (LoadUnit, RestartUnit …).</summary>
    public static string Single(string json)
    {
        var args = ReplyArgs(json);
        return args.GetArrayLength() > 0 && args[0].ValueKind == JsonValueKind.String
            ? args[0].GetString()!
            : throw new SystemdException("busctl reply has no string argument");
    }
}
