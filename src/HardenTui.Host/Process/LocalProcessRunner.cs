using System.ComponentModel;
using System.Text;
using CliWrap;

namespace HardenTui.Host.Process;

/// <summary>
/// Runs programs on this machine through CliWrap: an argument list (never a shell string), stdout and stderr piped
/// into buffers or a line delegate, the exit code returned for the caller to judge. Cancellation and timeouts end
/// the whole process tree and every process group in it (<see cref="ProcessTree"/>: SIGTERM, then SIGKILL), where
/// CliWrap's own graceful cancel would only send SIGINT to the direct child.
/// </summary>
public sealed class LocalProcessRunner : IProcessRunner
{
    public static readonly LocalProcessRunner Instance = new();

    /// <summary>How long a cancelled program has between SIGTERM and SIGKILL.</summary>
    internal static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct = default)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var command = Command(spec)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr));
        using var kill = new CancellationTokenSource();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (spec.Timeout is { } t) timeout.CancelAfter(t);
        CommandTask<CommandResult> task;
        try
        {
            task = command.ExecuteAsync(kill.Token);
        }
        catch (Win32Exception e)
        {
            return new ProcessResult(127, "", $"{spec.File}: {e.Message}", false);
        }
        var pid = task.ProcessId;
        await using (timeout.Token.Register(() => _ = ProcessTree.EndAsync(pid, Grace, kill)))
        {
            int exitCode;
            try
            {
                exitCode = (await task).ExitCode;
            }
            catch (OperationCanceledException)
            {
                exitCode = ProcessTree.KilledExitCode;
            }
            // Ended by us (it may have exited on SIGTERM before the kill): a cancel throws, a timeout says so.
            ct.ThrowIfCancellationRequested();
            return new ProcessResult(exitCode, stdout.ToString(), stderr.ToString(), timeout.IsCancellationRequested);
        }
    }

    public RunningProcess Start(ProcessSpec spec, Action<string>? onLine = null)
    {
        var stderr = new StringBuilder();
        var kill = new CancellationTokenSource();
        var task = Command(spec)
            .WithStandardOutputPipe(onLine is null ? PipeTarget.Null : PipeTarget.ToDelegate(onLine))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .ExecuteAsync(kill.Token);
        return new RunningProcess(task.ProcessId, ExitCodeAsync(task), kill);
    }

    private static async Task<int> ExitCodeAsync(CommandTask<CommandResult> task)
    {
        try { return (await task).ExitCode; }
        catch (OperationCanceledException) { return ProcessTree.KilledExitCode; }
    }

    /// <summary>The CliWrap command for a spec: C locale, no colours or pager, exit codes left to the caller; a
    /// spec that asks for its own process group runs under setsid, so ending it reaches everything it started.</summary>
    internal static Command Command(ProcessSpec spec)
    {
        var (file, args) = spec.OwnProcessGroup ? ("setsid", (IEnumerable<string>)["--wait", spec.File, .. spec.Args]) : (spec.File, spec.Args);
        return Cli.Wrap(file)
            .WithArguments(args)
            .WithEnvironmentVariables(e => e.Set("LC_ALL", "C").Set("SYSTEMD_COLORS", "0").Set("SYSTEMD_PAGER", ""))
            .WithStandardInputPipe(spec.Stdin is null ? PipeSource.Null : PipeSource.FromString(spec.Stdin))
            .WithValidation(CommandResultValidation.None);
    }
}
