using HardenTui.Host.Process;
using HardenTui.Host.Sandbox;
using HardenTui.Host.Systemd;
using Xunit;
using SystemdSandbox = HardenTui.Host.Sandbox.Sandbox;

namespace HardenTui.Host.Tests;

/// <summary>
/// One real booted systemd for the whole test run, with the Debian daemons the tests drive. It never skips: where
/// the sandbox cannot boot (not root, no nspawn), every test in the collection fails with the reason.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public static readonly string[] Packages = ["nginx-light", "redis-server", "memcached", "curl"];
    private SystemdSandbox? _sandbox;

    public SystemdSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("the sandbox did not boot");
    public IProcessRunner Runner => Sandbox.Runner;
    public ISystemd Systemd { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            _sandbox = await SystemdSandbox.BootAsync(new SandboxOptions { Packages = Packages });
        }
        catch (SandboxException e)
        {
            throw new InvalidOperationException(
                $"SANDBOX UNAVAILABLE — integration tests cannot run here and FAIL rather than skip: {e.Message}", e);
        }
        Systemd = new BusctlSystemd(Runner);
    }

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

[CollectionDefinition("sandbox")]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>;
