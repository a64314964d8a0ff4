using HardenTui.Host.Process;

namespace HardenTui.Host.Sandbox;

/// <summary>
/// What apt-get is doing right now (its APT::Status-Fd lines): refreshing the lists, downloading or installing, how
/// far, which step. A <see cref="Note"/> is a line to keep (why the lists are being refreshed) rather than progress.
/// </summary>
public sealed record AptProgress(string Packages, AptPhase Phase, double Percent, string Step, string? Note = null);

public enum AptPhase { Lists, Downloading, Installing }

/// <summary>
/// apt-get the way every install of HardenTui runs it (the sandbox's systemd-container and debootstrap on this
/// machine, the demo packages in the sandbox's root): package lists that were never downloaded (a fresh server or
/// container has none) or that are out of date ("no installation candidate", a 404 from the mirror) are refreshed
/// with apt-get update, said on one line; the install reports its progress as apt's own status lines give it.
/// </summary>
public static class Apt
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LockPoll = TimeSpan.FromSeconds(3);

    /// <summary>Whether the root (/ or a chroot) has package lists at all.</summary>
    public static bool HasLists(string root)
    {
        var lists = Path.Combine(root, "var/lib/apt/lists");
        return Directory.Exists(lists) && Directory.EnumerateFiles(lists, "*_Packages*").Any();
    }

    /// <summary>apt-get update when the root has no lists yet (saying so); an update that fails is an error.</summary>
    public static async Task EnsureListsAsync(IProcessRunner runner, string root, CancellationToken ct, Action<AptProgress>? progress = null)
    {
        if (HasLists(root)) return;
        Say(progress, "apt has no package lists here (never downloaded); running apt-get update first ...");
        await UpdateAsync(runner, progress, ct);
    }

    /// <summary>
    /// apt-get install PACKAGES (after <see cref="EnsureListsAsync"/>); when apt answers that a package has no
    /// installation candidate, cannot be located or a download gives 404, the lists are refreshed once and the
    /// install tried again. Returns apt's last result.
    /// </summary>
    public static async Task<ProcessResult> InstallAsync(IProcessRunner runner, string root, IReadOnlyList<string> installArgs,
        Action<AptProgress>? progress, CancellationToken ct)
    {
        await EnsureListsAsync(runner, root, ct, progress);
        var packages = string.Join(' ', installArgs.Where(a => !a.StartsWith('-') && a != "install"));
        var r = await RunWithStatusAsync(runner, installArgs, packages, progress, ct);
        // The sandbox shares this machine's download cache (/var/cache/apt/archives, bound in): an apt downloading on
        // this machine holds its lock, which apt does not wait for (DPkg::Lock::Timeout covers dpkg's lock only).
        for (var waited = TimeSpan.Zero; !r.Ok && ArchivesLocked(r.Stdout + r.Stderr) && waited < LockWait; waited += LockPoll)
        {
            if (waited == TimeSpan.Zero) Say(progress, "apt: the download cache /var/cache/apt/archives is locked by another apt on this machine; waiting for it (up to 2 minutes) ...");
            await Task.Delay(LockPoll, ct);
            r = await RunWithStatusAsync(runner, installArgs, packages, progress, ct);
        }
        if (!r.Ok && StaleListsReason(r.Stdout) is { } reason)
        {
            Say(progress, $"apt: {reason}; the package lists are out of date: running apt-get update and trying again ...");
            await UpdateAsync(runner, progress, ct);
            r = await RunWithStatusAsync(runner, installArgs, packages, progress, ct);
        }
        if (!r.Ok && root != "/" && Interrupted(r.Stdout + r.Stderr))
        {
            // The sandbox's root overlays this machine's: an apt run on this machine while the overlay was mounted
            // leaves dpkg's state half-written in the overlay's view. Finishing it touches only the overlay.
            Say(progress, "apt: dpkg's state in the sandbox's root was caught mid-change (this machine was installing packages); finishing it with dpkg --configure -a and trying again ...");
            await runner.RunAsync(new ProcessSpec("env", ["DEBIAN_FRONTEND=noninteractive", "dpkg", "--configure", "-a"], Timeout: Timeout), ct);
            r = await RunWithStatusAsync(runner, installArgs, packages, progress, ct);
        }
        return r;
    }

    /// <summary>apt-get ARGS as it is run everywhere here (non-interactive, waiting for dpkg's lock), to completion.</summary>
    public static Task<ProcessResult> RunAsync(IProcessRunner runner, IReadOnlyList<string> args, CancellationToken ct) =>
        runner.RunAsync(new ProcessSpec("env", [.. AptGet, .. args], Timeout: Timeout), ct);

    /// <summary>The line of apt's output that says why it failed (its last "E:" line).</summary>
    public static string LastLine(ProcessResult r) =>
        FailedPackage(r.Stderr + "\n" + r.Stdout) is { } failed ? failed + "; " + LastErrorLine(r) : LastErrorLine(r);

    /// <summary>dpkg's own line naming the package whose maintainer script failed ("dpkg: error processing package X (--configure):"), or null.</summary>
    internal static string? FailedPackage(string output) =>
        output.Split('\n', StringSplitOptions.TrimEntries).FirstOrDefault(l => l.StartsWith("dpkg: error processing", StringComparison.Ordinal))?.TrimEnd(':');

    private static string LastErrorLine(ProcessResult r) =>
        (r.Stderr + "\n" + r.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => l.StartsWith("E:")) ?? r.Stderr.Trim().Split('\n').LastOrDefault(l => l.Length > 0)
            ?? r.Stdout.Trim().Split('\n').LastOrDefault(l => l.Length > 0) ?? $"exit {r.ExitCode}";

    /// <summary>Why apt's output says the lists are stale, or null: the first matching "E:" line.</summary>
    internal static string? StaleListsReason(string output) =>
        output.Split('\n', StringSplitOptions.TrimEntries).FirstOrDefault(l => l.StartsWith("E:") &&
            (l.Contains("has no installation candidate") || l.Contains("Unable to locate package") || l.Contains("404")));

    /// <summary>Whether apt refused because another apt holds the download cache's lock ("Unable to lock directory /var/cache/apt/archives/").</summary>
    internal static bool ArchivesLocked(string output) =>
        output.Contains("Unable to lock directory", StringComparison.Ordinal) && output.Contains("/var/cache/apt/archives", StringComparison.Ordinal);

    /// <summary>Whether apt refused because dpkg was interrupted ("you must manually run 'dpkg --configure -a'").</summary>
    internal static bool Interrupted(string output) => output.Contains("dpkg was interrupted", StringComparison.Ordinal);

    /// <summary>An APT::Status-Fd line ("dlstatus:3:45.5:Retrieving file 3 of 10", "pmstatus:curl:60:Unpacking curl (amd64)"), or null.</summary>
    internal static AptProgress? ParseStatus(string line, string packages)
    {
        var parts = line.Split(':', 4);
        if (parts.Length < 4 || parts[0] is not ("dlstatus" or "pmstatus")) return null;
        if (!double.TryParse(parts[2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var percent)) return null;
        return new AptProgress(packages, parts[0] == "dlstatus" ? AptPhase.Downloading : AptPhase.Installing, percent, parts[3].Trim());
    }

    private static readonly string[] AptGet = ["DEBIAN_FRONTEND=noninteractive", "apt-get", "-o", "DPkg::Lock::Timeout=120"];

    /// <summary>A line to keep: through the progress listener when there is one (it owns the terminal line), else on stderr.</summary>
    private static void Say(Action<AptProgress>? progress, string line)
    {
        if (progress is null) Console.Error.WriteLine($"hardentui: {line}");
        else progress(new AptProgress("", AptPhase.Lists, 0, "", line));
    }

    private static async Task UpdateAsync(IProcessRunner runner, Action<AptProgress>? progress, CancellationToken ct)
    {
        progress?.Invoke(new AptProgress("", AptPhase.Lists, 0, "apt-get update: downloading the package lists"));
        var r = await RunAsync(runner, ["update", "-q"], ct);
        if (!r.Ok) throw new SandboxException($"apt-get update failed: {LastLine(r)}");
    }

    /// <summary>apt-get with its status lines on stdout (and its errors merged in, so the result still says why it failed).</summary>
    private static async Task<ProcessResult> RunWithStatusAsync(IProcessRunner runner, IReadOnlyList<string> args, string packages,
        Action<AptProgress>? progress, CancellationToken ct)
    {
        var output = new System.Text.StringBuilder();
        // Status on a descriptor of its own (3, a copy of stdout): with Status-Fd=1 apt takes stdout for itself and
        // maintainer scripts that print (cron-daemon-common's addgroup) fail with "Unable to flush stdout".
        var spec = new ProcessSpec("sh", ["-c", "exec \"$@\" 3>&1 2>&1", "sh", "env", .. AptGet, "-o", "APT::Status-Fd=3", .. args]);
        using var running = runner.Start(spec, line =>
        {
            lock (output) output.AppendLine(line);
            if (progress is not null && ParseStatus(line, packages) is { } status) progress(status);
        });
        int code;
        try { code = await running.Exited.WaitAsync(Timeout, ct); }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            running.Kill();
            if (e is OperationCanceledException) throw;
            lock (output) return new ProcessResult(-1, output.ToString(), "", TimedOut: true);
        }
        lock (output) return new ProcessResult(code, output.ToString(), "", false);
    }
}
