using System.Runtime.InteropServices;

namespace HardenTui.Host.Process;

/// <summary>
/// Ends a process and everything it started: SIGTERM to every process in its tree and to every process group led
/// from it (a probe's `sh -c` run under setsid; what a daemonising child left behind in that group), then SIGKILL to
/// whatever is still there after the grace period. CliWrap's graceful cancel is SIGINT to the direct child only.
/// </summary>
internal static partial class ProcessTree
{
    /// <summary>The exit code reported for a program that had to be killed (128 + SIGKILL).</summary>
    public const int KilledExitCode = 137;
    private const int SigTerm = 15;
    private const int SigKill = 9;

    public static async Task EndAsync(int pid, TimeSpan grace, CancellationTokenSource forceful)
    {
        try
        {
            Signal(pid, SigTerm);
            var until = DateTime.UtcNow + grace;
            while (DateTime.UtcNow < until && ProcessIdentity.Of(pid) is not null && !IsZombie(pid))
                await Task.Delay(50);
            Signal(pid, SigKill);
        }
        finally
        {
            // CliWrap then kills the remaining tree (Process.Kill(entireProcessTree)) and reaps the child.
            try { forceful.Cancel(); } catch (ObjectDisposedException) { }
        }
    }

    /// <summary>Sends a signal to every process below and including <paramref name="pid"/>, and to the groups they lead.</summary>
    public static void Signal(int pid, int signal)
    {
        var own = getpgid(0);
        foreach (var p in Tree(pid))
        {
            var group = getpgid(p);
            if (group > 1 && group != own) kill(-group, signal);
            kill(p, signal);
        }
    }

    /// <summary>The process and its descendants (children first listed after their parent).</summary>
    public static IReadOnlyList<int> Tree(int pid)
    {
        var all = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0 && all.Count < 4096)
        {
            var p = queue.Dequeue();
            if (all.Contains(p)) continue;
            all.Add(p);
            foreach (var c in ProcessIdentity.ChildrenOf(p)) queue.Enqueue(c);
        }
        return all;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException) { return true; }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getpgid(int pid);
}
