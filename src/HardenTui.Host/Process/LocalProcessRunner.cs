using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace HardenTui.Host.Process;

/// <summary>Runs programs on this machine with System.Diagnostics.Process.</summary>
public sealed class LocalProcessRunner : IProcessRunner
{
    public static readonly LocalProcessRunner Instance = new();

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct = default)
    {
        using var p = new System.Diagnostics.Process { StartInfo = RunningProcess.StartInfo(spec) };
        try { p.Start(); }
        catch (Win32Exception e) { return new ProcessResult(127, "", $"{spec.File}: {e.Message}", false); }
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        if (spec.Stdin is not null) await p.StandardInput.WriteAsync(spec.Stdin);
        p.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (spec.Timeout is { } t) timeout.CancelAfter(t);
        var timedOut = false;
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            timedOut = !ct.IsCancellationRequested;
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await p.WaitForExitAsync(CancellationToken.None);
            if (!timedOut) throw;
        }
        return new ProcessResult(p.ExitCode, await stdout, await stderr, timedOut);
    }

    public RunningProcess Start(ProcessSpec spec, Action<string>? onLine = null)
    {
        var p = new System.Diagnostics.Process { StartInfo = RunningProcess.StartInfo(spec), EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine?.Invoke(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        p.Exited += (_, _) => { p.WaitForExit(); exited.TrySetResult(p.ExitCode); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (spec.Stdin is not null) p.StandardInput.Write(spec.Stdin);
        p.StandardInput.Close();
        return new RunningProcess(p, exited.Task);
    }
}
