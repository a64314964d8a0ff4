using HardenTui.Core.Units;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tests.Overrides;

/// <summary>An ISystemd that only records what it was asked to do, for the file-level tests.</summary>
internal sealed class RecordingSystemd : ISystemd
{
    public List<string> Calls { get; } = [];

    public Task<IReadOnlyList<UnitStatus>> ListServicesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<UnitStatus>>([]);
    public Task<UnitProperties> GetPropertiesAsync(string unit, CancellationToken ct = default) =>
        Task.FromResult(new UnitProperties(unit, new Dictionary<string, object>()));
    public Task<string> GetManagerStringAsync(string name, CancellationToken ct = default) => Task.FromResult("");
    public Task DaemonReloadAsync(CancellationToken ct = default) => Record("daemon-reload");
    public Task StartAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => Record($"start {unit}");
    public Task StopAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => Record($"stop {unit}");
    public Task RestartAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => Record($"restart {unit}");
    public Task ReloadAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => Record($"reload {unit}");
    public Task ResetFailedAsync(string unit, CancellationToken ct = default) => Record($"reset-failed {unit}");
    public Task<string> CatAsync(string unit, CancellationToken ct = default) => Task.FromResult("");

    private Task Record(string call)
    {
        Calls.Add(call);
        return Task.CompletedTask;
    }
}
