namespace HardenTui.Host.Process;

/// <summary>
/// THE EXCEPTION to "every process through CliWrap": a program that needs this terminal itself ($EDITOR on the
/// wizard's drop-in; the command `hardentui sandbox -- CMD` runs inside, which may be the wizard; `systemd-run` of
/// `hardentui shell`, which forwards the terminal to the unit's sandbox; `stty sane` when a crash leaves the terminal
/// raw: stty acts on its stdin, which must be the terminal). CliWrap always
/// redirects stdin, stdout and stderr, so these run as a plain System.Diagnostics.Process inheriting all three.
/// Nothing else may start a process this way.
/// </summary>
public static class TerminalProcess
{
    /// <summary>
    /// Runs a program with this terminal as its stdin, stdout and stderr and returns its exit code. Cancelled, the
    /// program and everything it started are killed before the cancellation is thrown: left running, an `nsenter` into
    /// a sandbox being torn down is stopped by the container's shutdown (systemd SIGSTOPs everything, nsenter stops
    /// itself with its child) and, stopped, never reaps its child, so the container never finishes shutting down.
    /// </summary>
    public static async Task<int> RunAsync(string file, IEnumerable<string> args, CancellationToken ct = default)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(info)!;
        try
        {
            await p.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync(CancellationToken.None);
            throw;
        }
        return p.ExitCode;
    }

    /// <summary>Runs a program with this terminal as stdin and stdout, its stderr read line by line (systemd-run's
    /// own reports are told apart from the program's there); returns the exit code once stderr is drained.</summary>
    public static async Task<int> RunWithStderrAsync(string file, IEnumerable<string> args, Action<string> onStderr, CancellationToken ct = default)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["SYSTEMD_COLORS"] = "0";
        using var p = new System.Diagnostics.Process { StartInfo = info };
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        p.ErrorDataReceived += (_, e) => { if (e.Data is null) done.TrySetResult(); else onStderr(e.Data); };
        p.Start();
        p.BeginErrorReadLine();
        await p.WaitForExitAsync(ct);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, CancellationToken.None);
        return p.ExitCode;
    }

    /// <summary>Runs a program on this terminal and waits for it at most <paramref name="wait"/> (for a crash handler).</summary>
    public static void Run(string file, IEnumerable<string> args, TimeSpan wait)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(info);
        p?.WaitForExit(wait);
    }

    /// <summary>$VISUAL or $EDITOR (else vi) on a file: a shell command by convention ("code -w", "vim -u NONE"), run
    /// with `sh -c 'EDITOR "$1"' sh FILE` so the file name is never part of the shell string.</summary>
    public static int Edit(string file)
    {
        var editor = Environment.GetEnvironmentVariable("VISUAL") ?? Environment.GetEnvironmentVariable("EDITOR") ?? "vi";
        return RunAsync("/bin/sh", ["-c", editor + " \"$1\"", "sh", file]).GetAwaiter().GetResult();
    }
}
