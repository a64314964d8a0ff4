using HardenTui.Host.Process;

namespace HardenTui.Host.Sandbox;

/// <summary>
/// Ends a sandbox: powers its systemd off, kills what is left of its own processes (never anyone else's: each
/// is checked by pid and start time), and unmounts only the mounts below its own folder. Also finds the
/// leftovers of sandboxes whose owner died (killed, crashed) and ends them the same way.
/// </summary>
internal static class SandboxJanitor
{
    private static readonly IProcessRunner Local = LocalProcessRunner.Instance;

    public static async Task CleanStaleAsync(string stateRoot)
    {
        if (!Directory.Exists(stateRoot)) return;
        foreach (var path in Directory.EnumerateDirectories(stateRoot))
        {
            var dir = new SandboxDirectory(path);
            if (dir.Owner is { IsAlive: true }) continue;
            // A sandbox booting beside us has made its folder but not yet written its owner: not stale.
            if (dir.Owner is null && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(path) < TimeSpan.FromMinutes(2)) continue;
            await TearDownAsync(dir);
        }
    }

    public static async Task TearDownAsync(SandboxDirectory dir)
    {
        if (dir.Leader is { IsAlive: true } leader)
        {
            // SIGRTMIN+4 asks systemd to power off; give it a moment, then end the whole pid namespace.
            await Local.RunAsync(ProcessSpec.Of("kill", "-s", "SIGRTMIN+4", leader.Pid.ToString()));
            await WaitGoneAsync(leader, TimeSpan.FromSeconds(8));
            if (leader.IsAlive) await Local.RunAsync(ProcessSpec.Of("kill", "-KILL", leader.Pid.ToString()));
        }
        if (dir.Nspawn is { } nspawn)
        {
            await WaitGoneAsync(nspawn, TimeSpan.FromSeconds(5));
            if (nspawn.IsAlive) await Local.RunAsync(ProcessSpec.Of("kill", "-KILL", nspawn.Pid.ToString()));
            await WaitGoneAsync(nspawn, TimeSpan.FromSeconds(5));
        }
        foreach (var mount in MountTable.Below(dir.Path))
        {
            var r = await Local.RunAsync(ProcessSpec.Of("umount", mount));
            if (!r.Ok) await Local.RunAsync(ProcessSpec.Of("umount", "-l", mount));
        }
        if (MountTable.Below(dir.Path).Count == 0) RemoveFolder(dir);
    }

    /// <summary>Removes the folder entry by entry, never recursively: a mount that survived would not be traversed.</summary>
    private static void RemoveFolder(SandboxDirectory dir)
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(dir.Path)) File.Delete(file);
            foreach (var sub in new[] { dir.Root, dir.Tmpfs }.Where(Directory.Exists)) Directory.Delete(sub);
            Directory.Delete(dir.Path);
        }
        catch (IOException) { }
    }

    private static async Task WaitGoneAsync(ProcessIdentity p, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (p.IsAlive && DateTime.UtcNow < until) await Task.Delay(50);
    }
}
