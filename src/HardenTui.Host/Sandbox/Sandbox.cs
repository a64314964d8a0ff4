// A throwaway real systemd: a tmpfs-backed overlay over this machine's root (or over a cached Debian release
// base, see SandboxRelease), a fresh machine-id, and `systemd-nspawn -b` with a private network. Everything the sandbox changes lives in the tmpfs and is gone at
// teardown. Commands run inside through nsenter (see SandboxProcessRunner).
using System.Diagnostics;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Sandbox;

public sealed class Sandbox : IAsyncDisposable
{
    private static readonly IProcessRunner Local = LocalProcessRunner.Instance;
    private readonly SandboxDirectory _dir;
    private readonly RunningProcess _nspawn;
    private bool _disposed;

    private Sandbox(SandboxDirectory dir, RunningProcess nspawn, int leaderPid, TimeSpan bootTime)
    {
        _dir = dir;
        _nspawn = nspawn;
        LeaderPid = leaderPid;
        BootTime = bootTime;
        Runner = new SandboxProcessRunner(leaderPid);
    }

    /// <summary>The container's init (systemd), as a pid on this machine.</summary>
    public int LeaderPid { get; }
    /// <summary>The merged overlay: the sandbox's root file system, seen from this machine.</summary>
    public string RootPath => _dir.Root;
    /// <summary>From the nspawn start to `systemctl is-system-running` answering running or degraded.</summary>
    public TimeSpan BootTime { get; }
    /// <summary>Runs programs inside the sandbox.</summary>
    public IProcessRunner Runner { get; }

    public static async Task<Sandbox> BootAsync(SandboxOptions options, CancellationToken ct = default)
    {
        await SandboxPreflight.EnsureAsync(options.InstallProgress, ct);
        await SandboxJanitor.CleanStaleAsync(options.StateRoot);
        Directory.CreateDirectory(options.StateRoot);
        var dir = new SandboxDirectory(Path.Combine(options.StateRoot, $"sbx-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24]));
        Directory.CreateDirectory(dir.Path);
        dir.Owner = ProcessIdentity.Current;
        try
        {
            var lower = options.Release is { } release ? await SandboxBase.EnsureAsync(release, options.ReleaseCache, ct) : "/";
            if (options.Packages.Count > 0 && lower == "/") await SandboxPackages.EnsureHostListsAsync(options.InstallProgress, ct);
            await PrepareRootAsync(dir, lower, options, ct);
            if (options.Packages.Count > 0) await SandboxPackages.InstallAsync(dir.Root, options.Packages, ct, progress: options.InstallProgress);
            AllowServiceActions(dir.Root);
            var clock = Stopwatch.StartNew();
            var nspawn = Local.Start(new ProcessSpec("env", NspawnArgs(dir, options)));
            dir.Nspawn = ProcessIdentity.Of(nspawn.Pid);
            var leader = await WaitForLeaderAsync(nspawn, options.BootTimeout, ct);
            dir.Leader = ProcessIdentity.Of(leader);
            var sandbox = new Sandbox(dir, nspawn, leader, TimeSpan.Zero);
            await sandbox.WaitUntilReadyAsync(options.BootTimeout - clock.Elapsed, ct);
            return new Sandbox(dir, nspawn, leader, clock.Elapsed);
        }
        catch
        {
            await SandboxJanitor.TearDownAsync(dir);
            throw;
        }
    }

    private static List<string> NspawnArgs(SandboxDirectory dir, SandboxOptions options)
    {
        // nspawn hides /tmp under a fresh tmpfs unless told not to; the overlay's /tmp keeps a checkout or a
        // build below /tmp on this machine visible inside (copy-on-write, like the rest of the root).
        var args = new List<string> { "SYSTEMD_NSPAWN_TMPFS_TMP=0" };
        // A newer systemd on this machine's hybrid cgroup hierarchy boots "tainted" (257: cgroupsv1); give it cgroup2 only.
        if (options.Release is not null) args.Add("SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1");
        args.AddRange(["systemd-nspawn", "-D", dir.Root, "--register=no", "--keep-unit", "--link-journal=no", "--private-network",
            "--console=passive", $"--machine={Path.GetFileName(dir.Path)}"]);
        if (options.Release is not null)
            args.AddRange(ReleaseBinds(options).Select(b => $"--bind-ro={b}"));
        args.Add("-b");
        return args;
    }

    /// <summary>
    /// What a foreign root needs from this machine to run this very program: the directory of the executable (the
    /// native binary, or dotnet's own folder) and of the app's assemblies, plus what the caller asked for.
    /// </summary>
    public static IReadOnlyList<string> ReleaseBinds(SandboxOptions options)
    {
        var binds = new List<string>(options.HostBinds);
        if (Environment.ProcessPath is { } exe)
        {
            var resolved = new FileInfo(exe).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? exe;
            binds.Add(Path.GetDirectoryName(resolved)!);
        }
        binds.Add(AppContext.BaseDirectory.TrimEnd('/')); // the app's assemblies (a test host's too; Assembly.Location is empty in a native build)
        // Deepest last so a bind inside another bind is mounted on top of it.
        return binds.Where(b => b.Length > 1 && Directory.Exists(b)).Distinct().OrderBy(b => b.Length).ToList();
    }

    private static async Task PrepareRootAsync(SandboxDirectory dir, string lower, SandboxOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(dir.Tmpfs);
        Directory.CreateDirectory(dir.Root);
        await MustAsync(ProcessSpec.Of("mount", "-t", "tmpfs", "-o", $"size={options.TmpfsSize},mode=0700", "tmpfs", dir.Tmpfs), ct);
        Directory.CreateDirectory(dir.Upper);
        Directory.CreateDirectory(dir.Work);
        await MustAsync(ProcessSpec.Of("mount", "-t", "overlay", "overlay", "-o",
            $"lowerdir={lower},upperdir={dir.Upper},workdir={dir.Work}", dir.Root), ct);
        var machineId = Path.Combine(dir.Root, "etc/machine-id");
        File.Delete(machineId);
        await File.WriteAllTextAsync(machineId, Guid.NewGuid().ToString("N") + "\n", ct);
        // Debian's tmpfiles.d/tmp.conf empties /tmp at boot ("D"); inside the overlay that would hide this machine's
        // /tmp (a checkout there, the tests' build output). "d" keeps it; the override lives only in the overlay.
        var tmpfiles = Path.Combine(dir.Root, "etc/tmpfiles.d");
        Directory.CreateDirectory(tmpfiles);
        await File.WriteAllTextAsync(Path.Combine(tmpfiles, "tmp.conf"), "d /tmp 1777 root root -\n", ct);
        // Debian 13 mounts a tmpfs on /tmp at boot (tmp.mount): it would hide a checkout there, the app's own folders
        // bound in for a release and the working directory commands run in. Masked in the overlay only.
        var tmpMount = Path.Combine(dir.Root, "etc/systemd/system/tmp.mount");
        if (!File.Exists(tmpMount) && new FileInfo(tmpMount).LinkTarget is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(tmpMount)!);
            File.CreateSymbolicLink(tmpMount, "/dev/null");
        }
    }

    /// <summary>
    /// The booted sandbox is a machine of its own, so a policy-rc.d inherited from this machine's root (a Docker
    /// image's `exit 101`) goes from the overlay once the packages are in: it made every invoke-rc.d deny silently
    /// (exit 0), so /etc/logrotate.d/nginx's `invoke-rc.d nginx rotate` never reopened the logs and nginx kept
    /// writing into access.log.1 — which looked like the hardening's fault. This machine's file stays (a whiteout
    /// in the overlay's upper layer hides it).
    /// </summary>
    private static void AllowServiceActions(string root)
    {
        var policy = Path.Combine(root, "usr/sbin/policy-rc.d");
        if (File.Exists(policy) || new FileInfo(policy).LinkTarget is not null) File.Delete(policy);
    }

    private static async Task<int> WaitForLeaderAsync(RunningProcess nspawn, TimeSpan limit, CancellationToken ct)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (nspawn.Exited.IsCompleted)
                throw new SandboxException($"systemd-nspawn exited with status {nspawn.Exited.Result} before booting");
            // nspawn forks a short-lived helper first; the leader is the child that has become systemd.
            foreach (var child in ProcessIdentity.ChildrenOf(nspawn.Pid))
                if (ReadComm(child) == "systemd") return child;
            await Task.Delay(20, ct);
        }
        throw new SandboxException("systemd-nspawn did not start the container in time");
    }

    private static string ReadComm(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return ""; }
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit, CancellationToken ct)
    {
        var until = DateTime.UtcNow + limit;
        var last = "";
        // The Manager's SystemState (what `systemctl is-system-running` prints), over the sandbox's bus once it is up.
        using var systemd = DbusSystemd.ForSandbox(LeaderPid);
        while (DateTime.UtcNow < until)
        {
            try { last = await systemd.GetManagerStringAsync("SystemState", ct); }
            catch (SystemdException e) { last = e.Message; }
            if (last is "running" or "degraded") return;
            if (_nspawn.Exited.IsCompleted) throw new SandboxException($"the sandbox's systemd exited during boot ({last})");
            await Task.Delay(100, ct);
        }
        throw new SandboxException($"the sandbox's systemd did not finish booting in time (last state: {last})");
    }

    /// <summary>Runs a program inside with this terminal's stdin/stdout/stderr (for interactive use: <see cref="TerminalProcess"/>).</summary>
    public async Task<int> RunInteractiveAsync(IReadOnlyList<string> argv, CancellationToken ct = default)
    {
        // Keep the caller's working directory when the sandbox has it (it does for anything on the root file system).
        // (nsenter --wd resolves the directory before entering the root, so a shell inside changes to it instead.)
        var cwd = Environment.CurrentDirectory;
        IEnumerable<string> inside = Directory.Exists(Path.Combine(RootPath, cwd.TrimStart('/')))
            ? ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", cwd, .. argv]
            : argv;
        return await TerminalProcess.RunAsync("nsenter", SandboxProcessRunner.EnterArgs(LeaderPid).Concat(inside), ct);
    }

    private static async Task MustAsync(ProcessSpec spec, CancellationToken ct)
    {
        var r = await Local.RunAsync(spec, ct);
        if (!r.Ok) throw new SandboxException($"{spec} failed: {(r.Stderr + r.Stdout).Trim()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await SandboxJanitor.TearDownAsync(_dir);
        _nspawn.Dispose();
    }
}
