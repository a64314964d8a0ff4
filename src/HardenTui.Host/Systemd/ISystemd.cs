using System.Text.Json;

namespace HardenTui.Host.Systemd;

/// <summary>
/// The service manager, as HardenTui needs it. Implemented over `busctl --json=short` (BusctlSystemd); a native
/// D-Bus client can replace it behind this interface. Failures are thrown as <see cref="SystemdException"/>
/// carrying systemd's own message.
/// </summary>
public interface ISystemd
{
    Task<IReadOnlyList<UnitStatus>> ListServicesAsync(CancellationToken ct = default);

    /// <summary>Unit properties by name (org.freedesktop.systemd1.Unit + .Service), values as busctl's JSON.</summary>
    Task<UnitProperties> GetPropertiesAsync(string unit, CancellationToken ct = default);

    /// <summary>Properties of many units in one round trip (the picker scores every service); same values as above.</summary>
    async Task<IReadOnlyList<UnitProperties>> GetPropertiesManyAsync(IReadOnlyList<string> units, CancellationToken ct = default)
    {
        var result = new List<UnitProperties>();
        foreach (var unit in units)
        {
            try { result.Add(await GetPropertiesAsync(unit, ct)); }
            catch (UnitNotFoundException) { }
        }
        return result;
    }

    Task DaemonReloadAsync(CancellationToken ct = default);
    Task StartAsync(string unit, TimeSpan timeout, CancellationToken ct = default);
    Task StopAsync(string unit, TimeSpan timeout, CancellationToken ct = default);
    Task RestartAsync(string unit, TimeSpan timeout, CancellationToken ct = default);

    /// <summary>The effective unit text, as `systemctl cat` shows it.</summary>
    Task<string> CatAsync(string unit, CancellationToken ct = default);
}

public sealed record UnitStatus(string Name, string Description, string LoadState, string ActiveState, string SubState);

/// <summary>Properties of one unit; values are the JSON busctl prints ("data" of each property).</summary>
public sealed class UnitProperties(string unit, IReadOnlyDictionary<string, JsonElement> values)
{
    public string Unit { get; } = unit;
    public IReadOnlyDictionary<string, JsonElement> Values { get; } = values;

    public string? String(string name) => Values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    public bool? Bool(string name) => Values.TryGetValue(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
    public long? Number(string name) => Values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
    public ulong? UNumber(string name) => Values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetUInt64() : null;

    public IReadOnlyList<string> Strings(string name) =>
        Values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
}

public class SystemdException(string message) : Exception(message);

public sealed class UnitNotFoundException(string unit) : SystemdException($"unit {unit} is not known to systemd (no unit file found)")
{
    public string Unit { get; } = unit;
}
