using Tmds.DBus.Protocol;

namespace HardenTui.Host.Systemd;

/// <summary>
/// Pairs JobRemoved signals with the jobs waiting for them. A signal can arrive before its waiter registers (the
/// job may end before the StartUnit reply has been read), so results without a waiter are kept a while.
/// </summary>
internal sealed class JobWaiter
{
    private const int KeepUnclaimed = 256;
    private readonly Dictionary<string, TaskCompletionSource<string>> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unclaimed = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public void OnJobRemoved(Notification<(string Job, string Unit, string Result)> n)
    {
        if (!n.HasValue)
        {
            if (n.IsCompletion) FailAll(new SystemdException("the D-Bus connection to systemd closed while a job was running"));
            return;
        }
        var (job, _, result) = n.Value;
        TaskCompletionSource<string>? waiter;
        lock (_gate)
        {
            if (!_waiting.Remove(job, out waiter))
            {
                if (_unclaimed.Count >= KeepUnclaimed) _unclaimed.Clear();
                _unclaimed[job] = result;
                return;
            }
        }
        waiter.TrySetResult(result);
    }

    /// <summary>The job's result (done, canceled, timeout, failed, dependency, skipped); TimeoutException past <paramref name="timeout"/>.</summary>
    public async Task<string> WaitAsync(string job, TimeSpan timeout, CancellationToken ct)
    {
        TaskCompletionSource<string> waiter;
        lock (_gate)
        {
            if (_unclaimed.Remove(job, out var early)) return early;
            waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[job] = waiter;
        }
        try
        {
            return await waiter.Task.WaitAsync(timeout, ct);
        }
        finally
        {
            lock (_gate) _waiting.Remove(job);
        }
    }

    public void FailAll(Exception e)
    {
        List<TaskCompletionSource<string>> all;
        lock (_gate)
        {
            all = [.. _waiting.Values];
            _waiting.Clear();
        }
        foreach (var w in all) w.TrySetException(e);
    }
}
