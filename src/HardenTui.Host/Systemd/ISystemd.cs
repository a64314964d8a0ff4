using HardenTui.Core.Units;

namespace HardenTui.Host.Systemd;

/// <summary>
/// The service manager, as HardenTui needs it. Implemented over D-Bus (<see cref="DbusSystemd"/>: the system bus,
/// systemd's private socket where no bus runs, or a sandbox's bus). Failures are thrown as
/// <see cref="SystemdException"/> carrying systemd's own message, in one line.
/// </summary>
public interface ISystemd
{
    Task<IReadOnlyList<UnitStatus>> ListServicesAsync(CancellationToken ct = default);

    /// <summary>The unit's properties that HardenTui reads (<see cref="UnitProperties.Schema"/>), typed.</summary>
    Task<UnitProperties> GetPropertiesAsync(string unit, CancellationToken ct = default);

    /// <summary>Properties of many units, requested together (the picker and analyze score every service); units not found are left out.</summary>
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

    /// <summary>A string property of the Manager (Version, Architecture, …).</summary>
    Task<string> GetManagerStringAsync(string name, CancellationToken ct = default);

    Task DaemonReloadAsync(CancellationToken ct = default);

    /// <summary>Enqueues a start job (mode replace) and waits for systemd to finish it; a job that does not end
    /// "done" with the unit up is a <see cref="JobFailedException"/> naming the job result and the unit's Result=.</summary>
    Task StartAsync(string unit, TimeSpan timeout, CancellationToken ct = default);
    Task StopAsync(string unit, TimeSpan timeout, CancellationToken ct = default);
    Task RestartAsync(string unit, TimeSpan timeout, CancellationToken ct = default);

    /// <summary>A reload job (Manager.ReloadUnit, mode replace), judged like a start: JobRemoved's result, the unit still up.</summary>
    Task ReloadAsync(string unit, TimeSpan timeout, CancellationToken ct = default);

    /// <summary>Manager.ResetFailedUnit: forgets the unit's failed state and start-limit counter (`systemctl reset-failed`).</summary>
    Task ResetFailedAsync(string unit, CancellationToken ct = default);

    /// <summary>The effective unit text, as `systemctl cat` shows it.</summary>
    Task<string> CatAsync(string unit, CancellationToken ct = default);

    /// <summary>
    /// Follows one unit live: <paramref name="changed"/> hears its state (ActiveState, SubState, Result, NRestarts,
    /// MainPID) once at the start and then on every change systemd announces, until the result is disposed.
    /// Called on a thread of the D-Bus connection, never on the caller's context.
    /// </summary>
    Task<IAsyncDisposable> WatchUnitAsync(string unit, Action<UnitLiveState> changed, CancellationToken ct = default) =>
        Task.FromResult<IAsyncDisposable>(NoWatch.Instance);

    /// <summary>Follows every service unit: appearing, disappearing, changing state (for the picker).</summary>
    Task<IAsyncDisposable> WatchServicesAsync(Action<ServiceEvent> changed, CancellationToken ct = default) =>
        Task.FromResult<IAsyncDisposable>(NoWatch.Instance);
}

public sealed record UnitStatus(string Name, string Description, string LoadState, string ActiveState, string SubState);

internal sealed class NoWatch : IAsyncDisposable
{
    public static readonly NoWatch Instance = new();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public class SystemdException(string message) : Exception(message);

public sealed class UnitNotFoundException(string unit) : SystemdException($"unit {unit} is not known to systemd (no unit file found)")
{
    public string Unit { get; } = unit;
}

/// <summary>systemd refused an operation for lack of privilege (D-Bus AccessDenied / interactive authorization).</summary>
public sealed class SystemdAccessDeniedException(string message) : SystemdException(message);

/// <summary>A job ended other than "done" (JobRemoved's result), or "done" with the unit failed; carries both reasons.</summary>
public sealed class JobFailedException(string unit, string jobResult, string activeState, string subState, string unitResult)
    : SystemdException($"Job for {unit} failed: {JobText(jobResult)}; ActiveState={activeState}, SubState={subState}, Result={unitResult}. See 'journalctl -u {unit}'.")
{
    public string Unit { get; } = unit;
    /// <summary>JobRemoved's result: done, canceled, timeout, failed, dependency, skipped.</summary>
    public string JobResult { get; } = jobResult;
    /// <summary>The unit's Result= (exit-code, signal, timeout, core-dump, start-limit-hit, …).</summary>
    public string UnitResult { get; } = unitResult;

    private static string JobText(string result) => result switch
    {
        "done" => "the job finished but the unit is not running",
        "failed" => "job result failed",
        "timeout" => "job result timeout (the unit's start or stop timeout ran out)",
        "dependency" => "job result dependency (a unit it needs failed)",
        "canceled" => "job result canceled (another job replaced it)",
        "skipped" => "job result skipped (the unit's condition was not met)",
        _ => $"job result {result}",
    };
}
