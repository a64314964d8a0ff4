using Xunit;
using Xunit.Abstractions;

namespace HardenTui.Host.Tests.Profiles;

/// <summary>The profiles for the daemons the shared sandbox already has (nginx-light, redis-server, memcached).</summary>
[Collection("sandbox")]
public class SharedProfilesInSandboxTests(SandboxFixture sandbox, ITestOutputHelper output)
{
    [Theory]
    [InlineData("nginx", "nginx.service")]
    [InlineData("redis-server", "redis-server.service")]
    [InlineData("memcached", "memcached.service")]
    public Task Profile_hardens_the_service_and_its_probe_still_passes(string profile, string unit) =>
        ProfileProof.RunAsync(sandbox, profile, unit, output);
}
