namespace HardenTui.Host.Process;

/// <summary>
/// THE EXCEPTION to "every process through CliWrap": a program that needs this terminal itself. CliWrap always
/// redirects stdin, stdout and stderr to pipes, so these run as a plain System.Diagnostics.Process inheriting them:
/// <list type="bullet">
/// <item>$EDITOR on the wizard's drop-in (<see cref="Edit"/>): a full-screen editor reads keys from the terminal and draws on it.</item>
/// <item>`nsenter … CMD` of `hardentui sandbox -- CMD` (Sandbox.RunInteractiveAsync): CMD is the user's, interactive by
///   design (a shell, or the wizard itself inside the sandbox); through pipes it would see no terminal.</item>
/// <item>`systemd-run --pty` of `hardentui shell` (UnitShell, <see cref="RunWithStderrAsync"/>): systemd-run forwards this
///   terminal to the shell in the unit's sandbox (it needs a tty on stdin for --pty); only its stderr is read, to tell
///   its own refusals from the program's.</item>
/// </list>
/// (The crash handler's `stty sane` is gone: <see cref="TerminalMode"/> puts the saved termios back itself.)
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

    /// <summary>$VISUAL or $EDITOR (else vi) on a file: a shell command by convention ("code -w", "vim -u NONE"), run
    /// with `sh -c 'EDITOR "$1"' sh FILE` so the file name is never part of the shell string.</summary>
    public static int Edit(string file)
    {
        var editor = Environment.GetEnvironmentVariable("VISUAL") ?? Environment.GetEnvironmentVariable("EDITOR") ?? "vi";
        return RunAsync("/bin/sh", ["-c", editor + " \"$1\"", "sh", file]).GetAwaiter().GetResult();
    }
}
