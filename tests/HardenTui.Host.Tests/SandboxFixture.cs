using Xunit;

namespace HardenTui.Host.Tests;

/// <summary>One real booted systemd for the whole test run, with the Debian daemons most tests drive.</summary>
public sealed class SandboxFixture() : BootedSandbox(Packages)
{
    public static readonly string[] Packages = ["nginx-light", "redis-server", "memcached", "curl"];
}

[CollectionDefinition("sandbox")]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>;
