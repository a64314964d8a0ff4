using HardenTui.Host.Overrides;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

/// <summary>
/// A tracer whose trace is an operation in the crash journal: the runtime drop-ins a tracer may write are recorded
/// (as absent) before it starts, and the record is completed once the trace has put the unit back. If hardentui dies
/// mid-trace (kill -9), the unit keeps running traced until the next start of hardentui, whose Recovery deletes the
/// drop-in and restarts the unit with its own configuration.
/// </summary>
public sealed class JournaledTracer(ITracer inner, OperationJournal journal, ISystemd systemd) : ITracer
{
    public string Method => inner.Method;
    public string Sees => inner.Sees;

    public Task<string?> UnavailableReasonAsync(string unit, CancellationToken ct = default) => inner.UnavailableReasonAsync(unit, ct);

    public async Task<IRunningTrace> StartAsync(string unit, TraceOptions options, CancellationToken ct = default)
    {
        var held = UnitLock.Acquire(journal.Root, unit, "trace", TimeProvider.System);
        try
        {
            var wasActive = StraceWrapperTracer.IsActive(await systemd.GetPropertiesAsync(unit, ct));
            var operation = journal.Begin("trace", unit, wasActive);
            foreach (var file in RuntimeDropIns.FileNames) operation.TrackRuntimeDropIn(file);
            try
            {
                return new JournaledTrace(await inner.StartAsync(unit, options, ct), operation, held);
            }
            catch
            {
                operation.Complete(); // a failed start has already put the unit back
                throw;
            }
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }
}
