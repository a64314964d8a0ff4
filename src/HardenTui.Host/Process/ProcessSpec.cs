namespace HardenTui.Host.Process;

/// <summary>
/// A command to run: the program, its arguments (never joined into a shell string), optional stdin and timeout.
/// <paramref name="OwnProcessGroup"/> runs it as the leader of a new session and process group (setsid), so that
/// a timeout or cancellation ends whatever it started too (the user's probe: a shell command, run with `sh -c`).
/// </summary>
public sealed record ProcessSpec(string File, IReadOnlyList<string> Args, string? Stdin = null, TimeSpan? Timeout = null, bool OwnProcessGroup = false)
{
    public static ProcessSpec Of(string file, params string[] args) => new(file, args);

    /// <summary>The user's probe: a shell command by definition, run as `sh -c PROBE` in its own process group.</summary>
    public static ProcessSpec Probe(string probe, TimeSpan timeout) => new("/bin/sh", ["-c", probe], Timeout: timeout, OwnProcessGroup: true);

    public override string ToString() => string.Join(' ', new[] { File }.Concat(Args));
}
