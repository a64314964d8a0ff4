using HardenTui.Core.Findings;
using HardenTui.Host.Overrides;

namespace HardenTui.Host.Tracing;

/// <summary>A running trace that completes its journal record once stopping has restored the unit (see <see cref="JournaledTracer"/>).</summary>
internal sealed class JournaledTrace(IRunningTrace inner, JournalOperation operation, IDisposable unitLock) : IRunningTrace
{
    public string Unit => inner.Unit;

    public Findings Snapshot() => inner.Snapshot();

    public async Task<Findings> StopAsync(CancellationToken ct = default)
    {
        var findings = await inner.StopAsync(ct); // if restoring throws, the record stays for Recovery
        if (!operation.Completed) operation.Complete();
        unitLock.Dispose();
        return findings;
    }

    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        if (!operation.Completed) operation.Complete();
        unitLock.Dispose();
    }
}
