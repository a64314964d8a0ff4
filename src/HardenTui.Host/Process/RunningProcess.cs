namespace HardenTui.Host.Process;

/// <summary>A started program: its pid, a task for its exit code, and a way to end it (its whole tree, SIGKILL).</summary>
public sealed class RunningProcess : IDisposable
{
    private readonly CancellationTokenSource _kill;

    internal RunningProcess(int pid, Task<int> exited, CancellationTokenSource kill)
    {
        Pid = pid;
        Exited = exited;
        _kill = kill;
    }

    public int Pid { get; }
    public Task<int> Exited { get; }

    public void Kill()
    {
        if (!Exited.IsCompleted) _kill.Cancel();
    }

    public void Dispose()
    {
        if (Exited.IsCompleted) _kill.Dispose();
    }
}
