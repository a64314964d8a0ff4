using Xunit;

namespace HardenTui.Host.Tests.Export;

/// <summary>
/// Two real systemds for the export tests: one where the hardening is learned and applied, and a fresh one with
/// Debian's ansible where the exported task list is run. Kept apart from the shared "sandbox" fixture, whose
/// nginx other tests give a user override.conf: here the effective units can be compared whole.
/// </summary>
public sealed class ExportSandboxes : IAsyncLifetime
{
    public BootedSandbox Learned { get; } = new Booted(["nginx-light", "curl"]);
    public BootedSandbox Fleet { get; } = new Booted(["ansible", "nginx-light", "curl"]);

    public Task InitializeAsync() => Task.WhenAll(Learned.InitializeAsync(), Fleet.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(Learned.DisposeAsync(), Fleet.DisposeAsync());

    private sealed class Booted(IReadOnlyList<string> packages) : BootedSandbox(packages);
}

[CollectionDefinition("export")]
public sealed class ExportCollection : ICollectionFixture<ExportSandboxes>;
