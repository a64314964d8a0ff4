using HardenTui.Host.Process;

namespace HardenTui.Host.Sandbox;

/// <summary>
/// A Debian release a sandbox can boot instead of this machine's root: its suite for debootstrap, the suite its
/// systemd comes from (bookworm-backports: 254), and the cached base root built once under /var/cache/hardentui.
/// </summary>
public sealed record SandboxRelease(string Name, string Suite, string? SystemdSuite)
{
    public static readonly IReadOnlyList<SandboxRelease> Known =
    [
        new("bookworm", "bookworm", null),
        new("bookworm-backports", "bookworm", "bookworm-backports"),
        new("trixie", "trixie", null),
    ];

    public static IReadOnlyList<string> Names => Known.Select(r => r.Name).ToList();

    /// <summary>The release by name; null when unknown.</summary>
    public static SandboxRelease? Find(string name) => Known.FirstOrDefault(r => r.Name == name);

    /// <summary>What every base holds besides debootstrap's minbase: a booting systemd and what hardentui runs inside.</summary>
    public static readonly IReadOnlyList<string> BasePackages =
        ["systemd", "systemd-sysv", "dbus", "strace", "procps", "psmisc", "util-linux", "ca-certificates"];

    public const string Mirror = "http://deb.debian.org/debian";
    public const string DefaultCacheRoot = "/var/cache/hardentui/releases";
}

/// <summary>
/// Builds a release's base root once (debootstrap, plus the backported systemd where the release has one) and
/// reuses it: a per-release lock serialises builders, a half-built base lives under NAME.partial and becomes
/// NAME only when complete, so a killed build is redone instead of booted.
/// </summary>
internal static class SandboxBase
{
    private static readonly IProcessRunner Local = LocalProcessRunner.Instance;

    public static async Task<string> EnsureAsync(SandboxRelease release, string cacheRoot, CancellationToken ct)
    {
        var root = Path.Combine(cacheRoot, release.Name);
        if (IsComplete(root)) return root;
        Directory.CreateDirectory(cacheRoot);
        using var buildLock = await SandboxPackages.AcquireLockAsync(root + ".lock", ct);
        if (IsComplete(root)) return root;
        await EnsureDebootstrapAsync(ct);
        var partial = root + ".partial";
        if (Directory.Exists(partial)) await MustAsync(ProcessSpec.Of("rm", "-rf", "--one-file-system", partial), ct, TimeSpan.FromMinutes(5));
        Console.Error.WriteLine($"hardentui: building the {release.Name} base with debootstrap (once; cached in {root}) ...");
        await MustAsync(new ProcessSpec("debootstrap",
            ["--variant=minbase", "--include=" + string.Join(',', SandboxRelease.BasePackages), release.Suite, partial, SandboxRelease.Mirror],
            Timeout: TimeSpan.FromMinutes(30)), ct, TimeSpan.FromMinutes(30));
        if (release.SystemdSuite is { } suite)
        {
            await File.WriteAllTextAsync(Path.Combine(partial, "etc/apt/sources.list.d", suite + ".list"),
                $"deb {SandboxRelease.Mirror} {suite} main\n", ct);
            await SandboxPackages.InstallAsync(partial, ["systemd", "systemd-sysv", "libpam-systemd", "libsystemd-shared"], ct,
                update: true, fromSuite: suite);
        }
        await File.WriteAllTextAsync(Path.Combine(partial, ".hardentui-base"), $"{release.Name}\n", ct);
        Directory.Move(partial, root);
        return root;
    }

    private static bool IsComplete(string root) => File.Exists(Path.Combine(root, ".hardentui-base"));

    /// <summary>debootstrap from Debian, installed on first use (apt-get update first when this machine has no lists or they are stale).</summary>
    private static async Task EnsureDebootstrapAsync(CancellationToken ct)
    {
        if (SandboxPreflight.OnPath("debootstrap")) return;
        Console.Error.WriteLine("hardentui: installing Debian's debootstrap for the release sandbox ...");
        var r = await Apt.InstallAsync(Local, "/", ["install", "-y", "-q", "debootstrap"], null, ct);
        if (!r.Ok || !SandboxPreflight.OnPath("debootstrap"))
            throw new SandboxException($"could not install debootstrap: {Apt.LastLine(r)}");
    }

    private static async Task MustAsync(ProcessSpec spec, CancellationToken ct, TimeSpan timeout)
    {
        var r = await Local.RunAsync(spec with { Timeout = timeout }, ct);
        if (!r.Ok) throw new SandboxException($"{spec.File} failed: {Apt.LastLine(r)}");
    }
}
