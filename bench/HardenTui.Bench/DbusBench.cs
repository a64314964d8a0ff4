using BenchmarkDotNet.Attributes;
using HardenTui.Core.Units;
using HardenTui.Host.Sandbox;
using HardenTui.Host.Systemd;

namespace HardenTui.Bench;

/// <summary>What one systemd round trip over D-Bus costs, against a real systemd in the sandbox (needs root).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 10)]
public class DbusBench
{
    private Sandbox _sandbox = null!;
    private DbusSystemd _systemd = null!;

    [GlobalSetup]
    public void Boot()
    {
        _sandbox = Sandbox.BootAsync(new SandboxOptions { Packages = ["nginx-light"] }).GetAwaiter().GetResult();
        _systemd = DbusSystemd.For(_sandbox.Runner);
    }

    [GlobalCleanup]
    public void TearDown() => _sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "GetAll properties of nginx.service")]
    public Task<UnitProperties> Properties() => _systemd.GetPropertiesAsync("nginx.service");

    [Benchmark(Description = "List every service unit")]
    public Task<IReadOnlyList<UnitStatus>> ListServices() => _systemd.ListServicesAsync();
}
