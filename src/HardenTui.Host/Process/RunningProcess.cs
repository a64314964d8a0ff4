using System.Diagnostics;

namespace HardenTui.Host.Process;

/// <summary>A started program: its pid, a task for its exit, and a way to end it.</summary>
public sealed class RunningProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;

    internal RunningProcess(System.Diagnostics.Process process, Task<int> exited)
    {
        _process = process;
        Exited = exited;
    }

    public int Pid => _process.Id;
    public Task<int> Exited { get; }

    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    public void Dispose() => _process.Dispose();

    internal static ProcessStartInfo StartInfo(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(spec.File)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in spec.Args) info.ArgumentList.Add(a);
        info.Environment["LC_ALL"] = "C";
        info.Environment["SYSTEMD_COLORS"] = "0";
        info.Environment["SYSTEMD_PAGER"] = "";
        return info;
    }
}
