using HardenTui.Core.Findings;

namespace HardenTui.Host.Tracing;

/// <summary>
/// A running trace fed by trace sources (files, the kernel log): a background loop reads new lines into one FindingsBuilder (under a lock,
/// so snapshots can be taken from the UI thread); stopping runs the method's restore step, then drains the files.
/// </summary>
internal sealed class FollowedTrace : IRunningTrace
{
    private readonly FindingsBuilder _builder;
    private readonly IReadOnlyList<ITraceSource> _files;
    private readonly Func<CancellationToken, Task> _restore;
    private readonly Func<CancellationToken, Task> _cleanup;
    private readonly CancellationTokenSource _stopPolling = new();
    private readonly Task _polling;
    private Findings? _final;

    public FollowedTrace(string unit, TraceOptions options, IReadOnlyList<ITraceSource> files,
        Func<CancellationToken, Task> restore, Func<CancellationToken, Task> cleanup)
    {
        Unit = unit;
        _builder = new FindingsBuilder(options.GroupsOf, options.InterpreterOf);
        _files = files;
        _restore = restore;
        _cleanup = cleanup;
        _polling = PollAsync(options.PollInterval, _stopPolling.Token);
    }

    public string Unit { get; }

    private Task<Findings>? _stop;

    public Findings Snapshot()
    {
        lock (_builder) return _final ?? _builder.Snapshot();
    }

    private Action<string> Accept(ITraceSource source) => line =>
    {
        lock (_builder) source.Feed(_builder, line);
    };

    private async Task PollAsync(TimeSpan interval, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                foreach (var file in _files) await file.PollAsync(Accept(file), ct);
                await Task.Delay(interval, ct);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Stops once: later calls (and DisposeAsync) get the same outcome, a failure included, without restoring twice.</summary>
    public Task<Findings> StopAsync(CancellationToken ct = default) => _stop ??= StopOnceAsync(ct);

    private async Task<Findings> StopOnceAsync(CancellationToken ct)
    {
        try
        {
            await _restore(ct);
        }
        finally
        {
            await _stopPolling.CancelAsync();
            await _polling;
            try
            {
                foreach (var file in _files) await file.DrainAsync(Accept(file), ct);
            }
            finally
            {
                await _cleanup(ct);
            }
        }
        lock (_builder) _final = _builder.Snapshot();
        return _final;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop is null) await StopAsync(CancellationToken.None);
        _stopPolling.Dispose();
    }
}
