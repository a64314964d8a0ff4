using HardenTui.Host.Process;

namespace HardenTui.Host.Sandbox;

/// <summary>
/// Installs Debian packages into the sandbox's root before it boots: apt-get in a chroot, with a policy-rc.d
/// that keeps maintainer scripts from starting daemons on this machine. Downloads land in this machine's apt
/// cache (bind-mounted) so the next sandbox installs without downloading again; installs are serialised by a lock.
/// </summary>
internal static class SandboxPackages
{
    private static readonly IProcessRunner Local = LocalProcessRunner.Instance;
    private const string LockFile = "/run/hardentui/apt.lock";

    /// <param name="update">Refresh the package lists first (a new apt source was just added).</param>
    /// <param name="fromSuite">Take the packages from this suite (apt-get -t), e.g. bookworm-backports.</param>
    /// <param name="progress">Hears apt's progress (what is being downloaded or installed, how far).</param>
    public static async Task InstallAsync(string root, IReadOnlyList<string> packages, CancellationToken ct, bool update = false, string? fromSuite = null,
        Action<AptProgress>? progress = null)
    {
        foreach (var p in packages)
            if (p.Length == 0 || p.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '+' or '.' or ':' or '=')) || p.StartsWith('-'))
                throw new SandboxException($"not a Debian package name: '{p}'");
        var policy = Path.Combine(root, "usr/sbin/policy-rc.d");
        var hadPolicy = File.Exists(policy);
        if (!hadPolicy)
        {
            await File.WriteAllTextAsync(policy, "#!/bin/sh\nexit 101\n", ct);
            File.SetUnixFileMode(policy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var binds = new[] { "proc", "sys", "dev", "var/cache/apt/archives" };
        using var aptLock = await AcquireLockAsync(LockFile, ct);
        try
        {
            foreach (var b in binds)
                await MustAsync(ProcessSpec.Of("mount", "--bind", "/" + b, Path.Combine(root, b)), ct);
            var chroot = new ChrootRunner(root);
            var install = new[] { "install", "-y", "-q", "--no-install-recommends" }
                .Concat(fromSuite is null ? [] : ["-t", fromSuite]).Concat(packages).ToList();
            if (update) await Apt.RunAsync(chroot, ["update", "-q"], ct);
            var r = await Apt.InstallAsync(chroot, root, install, progress, ct);
            if (!r.Ok) throw new SandboxException($"installing {string.Join(' ', packages)} failed: {Apt.LastLine(r)}");
        }
        finally
        {
            foreach (var b in binds.Reverse())
            {
                var target = Path.Combine(root, b);
                if (MountTable.Below(target).Count > 0) await Local.RunAsync(ProcessSpec.Of("umount", "-R", target), CancellationToken.None);
            }
            if (!hadPolicy) File.Delete(policy);
        }
    }

    /// <summary>
    /// Package lists for this machine when it has none: lists fetched inside the overlay would vanish with it, and
    /// the overlay of this machine's root reads this machine's lists (unless they are a mount of their own).
    /// </summary>
    public static async Task EnsureHostListsAsync(Action<AptProgress>? progress, CancellationToken ct)
    {
        if (Apt.HasLists("/")) return;
        using var aptLock = await AcquireLockAsync(LockFile, ct);
        await Apt.EnsureListsAsync(Local, "/", ct, progress);
    }

    /// <summary>An exclusive lock on the file (flock, released when the stream is disposed or the process dies).</summary>
    public static async Task<FileStream> AcquireLockAsync(string lockFile, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        while (true)
        {
            try { return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) { await Task.Delay(200, ct); }
        }
    }

    private static async Task MustAsync(ProcessSpec spec, CancellationToken ct)
    {
        var r = await Local.RunAsync(spec, ct);
        if (!r.Ok) throw new SandboxException($"{spec} failed: {r.Stderr.Trim()}");
    }

    private sealed class ChrootRunner(string root) : IProcessRunner
    {
        private ProcessSpec Wrap(ProcessSpec s) => s with { File = "chroot", Args = [root, s.File, .. s.Args] };
        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct = default) => Local.RunAsync(Wrap(spec), ct);
        public RunningProcess Start(ProcessSpec spec, Action<string>? onLine = null) => Local.Start(Wrap(spec), onLine);
    }
}
