namespace HardenTui.Host.Sandbox;

/// <summary>How to boot a sandbox: Debian packages to install before boot, and how long the boot may take.</summary>
public sealed record SandboxOptions
{
    public IReadOnlyList<string> Packages { get; init; } = [];
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Size of the tmpfs that holds every change made inside the sandbox.</summary>
    public string TmpfsSize { get; init; } = "4g";
    /// <summary>Where sandboxes keep their mounts and ownership records.</summary>
    public string StateRoot { get; init; } = "/run/hardentui/sandboxes";

    /// <summary>Defaults, with the state root taken from HARDENTUI_SANDBOX_STATE when set (tests keep theirs apart).</summary>
    public static SandboxOptions FromEnvironment() =>
        Environment.GetEnvironmentVariable("HARDENTUI_SANDBOX_STATE") is { Length: > 0 } root ? new() { StateRoot = root } : new();
}
