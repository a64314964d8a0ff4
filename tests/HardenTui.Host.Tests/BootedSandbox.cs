using HardenTui.Host.Process;
using HardenTui.Host.Sandbox;
using HardenTui.Host.Systemd;
using Xunit;
using SystemdSandbox = HardenTui.Host.Sandbox.Sandbox;

namespace HardenTui.Host.Tests;

/// <summary>
/// A real booted systemd with the given Debian packages installed before boot, shared by one xunit collection.
/// It never skips: where the sandbox cannot boot (not root, no nspawn), every test in the collection fails
/// with the reason. With a release, it boots that Debian release's cached base instead of this machine's root.
/// </summary>
public abstract class BootedSandbox(IReadOnlyList<string> packages, SandboxRelease? release = null) : IAsyncLifetime
{
    private SystemdSandbox? _sandbox;

    public SystemdSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("the sandbox did not boot");
    public IProcessRunner Runner => Sandbox.Runner;
    public ISystemd Systemd { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            _sandbox = await SystemdSandbox.BootAsync(new SandboxOptions { Packages = packages, Release = release });
        }
        catch (SandboxException e)
        {
            throw new InvalidOperationException(
                $"SANDBOX UNAVAILABLE — integration tests cannot run here and FAIL rather than skip: {e.Message}", e);
        }
        Systemd = DbusSystemd.For(Runner);
        await PrepareAsync();
    }

    /// <summary>Adjusts the booted sandbox for the collection's tests (configuration only; no daemon changes).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_sandbox is not null) await _sandbox.DisposeAsync();
    }

    /// <summary>Runs a shell command inside and returns stdout; fails the test when it exits non-zero.</summary>
    public async Task<string> ShAsync(string script)
    {
        var r = await Runner.RunAsync(new ProcessSpec("sh", ["-c", script], Timeout: TimeSpan.FromMinutes(2)));
        if (!r.Ok) throw new InvalidOperationException($"`{script}` exited {r.ExitCode}: {r.Stderr}{r.Stdout}");
        return r.Stdout;
    }

    /// <summary>A path inside the sandbox, as seen from the test process (through the overlay).</summary>
    public string HostPath(string insidePath) => Path.Combine(Sandbox.RootPath, insidePath.TrimStart('/'));
}
