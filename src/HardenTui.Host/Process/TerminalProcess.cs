namespace HardenTui.Host.Process;

/// <summary>
/// THE EXCEPTION to "every process through CliWrap": a program that needs this terminal itself ($EDITOR on the
/// wizard's drop-in; the command `hardentui sandbox -- CMD` runs inside, which may be the wizard; `stty sane` when a
/// crash leaves the terminal raw: stty acts on its stdin, which must be the terminal). CliWrap always
/// redirects stdin, stdout and stderr, so these run as a plain System.Diagnostics.Process inheriting all three.
/// Nothing else may start a process this way.
/// </summary>
public static class TerminalProcess
{
    /// <summary>Runs a program with this terminal as its stdin, stdout and stderr and returns its exit code.</summary>
    public static async Task<int> RunAsync(string file, IEnumerable<string> args, CancellationToken ct = default)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(info)!;
        await p.WaitForExitAsync(ct);
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
