namespace HardenTui.Host.Sandbox;

/// <summary>How to boot a sandbox: Debian packages to install before boot, and how long the boot may take.</summary>
public sealed record SandboxOptions
{
    public IReadOnlyList<string> Packages { get; init; } = [];
    /// <summary>Hears apt's progress while packages install (on this machine or into the sandbox's root).</summary>
    public Action<AptProgress>? InstallProgress { get; init; }
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Size of the tmpfs that holds every change made inside the sandbox.</summary>
    public string TmpfsSize { get; init; } = "4g";
    /// <summary>Where sandboxes keep their mounts and ownership records.</summary>
    public string StateRoot { get; init; } = "/run/hardentui/sandboxes";
    /// <summary>
    /// Boot this Debian release (a cached debootstrap base) instead of an overlay of this machine's root; null for
    /// this machine's root.
    /// </summary>
    public SandboxRelease? Release { get; init; }
    /// <summary>Where release bases are built and kept.</summary>
    public string ReleaseCache { get; init; } = SandboxRelease.DefaultCacheRoot;
    /// <summary>
    /// Directories of this machine bound read-only at the same path into a release sandbox (the root overlay sees
    /// them anyway). The running program's own directories are always added, so the app runs inside as it runs here.
    /// </summary>
    public IReadOnlyList<string> HostBinds { get; init; } = [];

    /// <summary>Defaults, with the state root taken from HARDENTUI_SANDBOX_STATE when set (tests keep theirs apart).</summary>
    public static SandboxOptions FromEnvironment() =>
        Environment.GetEnvironmentVariable("HARDENTUI_SANDBOX_STATE") is { Length: > 0 } root ? new() { StateRoot = root } : new();
}
