using HardenTui.Core.Export;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Export;

/// <summary>
/// Gathers this machine's <see cref="HostFingerprint"/> through the process runner, so inside the sandbox it is
/// the sandbox's systemd and os-release that count (the kernel is shared with the machine that runs it).
/// </summary>
public static class FingerprintReader
{
    public static async Task<HostFingerprint> ReadAsync(IProcessRunner runner, CancellationToken ct = default) =>
        HostFingerprint.FromProbes(
            await ManagerFacts.VersionLineAsync(runner, ct),
            await OutputAsync(runner, ct, "uname", "-r"),
            await OutputAsync(runner, ct, "uname", "-m"),
            // os-release(5): /etc/os-release, else /usr/lib/os-release.
            await OutputAsync(runner, ct, "sh", "-c", "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release"));

    private static async Task<string> OutputAsync(IProcessRunner runner, CancellationToken ct, string file, params string[] args)
    {
        var r = await runner.RunAsync(new ProcessSpec(file, args, Timeout: TimeSpan.FromSeconds(10)), ct);
        return r.Ok ? r.Stdout : throw new SystemdException($"reading where this is ({file} {string.Join(' ', args)}): {r.Stderr.Trim()}");
    }
}
