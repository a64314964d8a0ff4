using HardenTui.Host.Process;

namespace HardenTui.Host.Sandbox;

/// <summary>
/// What a sandbox needs before it can boot: root, and Debian's systemd-container (installed on first use, so that
/// `./hardentui` as root works on a fresh Debian 12).
/// </summary>
internal static class SandboxPreflight
{
    private static readonly string[] Tools = ["systemd-nspawn", "nsenter", "mount"];

    public static async Task EnsureAsync(Action<AptProgress>? progress, CancellationToken ct)
    {
        if (Environment.UserName != "root" && !IsEffectiveRoot())
            throw new SandboxException("the sandbox needs root (mounts and systemd-nspawn): run it as root (or with sudo)");
        if (Tools.All(OnPath)) return;
        Console.Error.WriteLine("hardentui: installing Debian's systemd-container for the sandbox ...");
        var r = await Apt.InstallAsync(LocalProcessRunner.Instance, "/", ["install", "-y", "-q", "systemd-container"], progress, ct);
        if (!r.Ok || !Tools.All(OnPath))
            throw new SandboxException($"could not install systemd-container: {Apt.LastLine(r)}");
    }

    private static bool IsEffectiveRoot()
    {
        try { return File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t')[2] == "0"; }
        catch (IOException) { return false; }
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Append("/usr/sbin").Append("/usr/bin")
            .Any(d => File.Exists(Path.Combine(d, tool)));
}
