using HardenTui.Host.Exposure;
using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Exposure;

/// <summary>
/// The syscall groups kept on disk between runs, against the sandbox's real systemd-analyze: a hit starts no
/// process and gives the same groups; a corrupt, foreign-keyed or unwritable cache falls back to running it.
/// The whole app inside the sandbox (as root: systemd's private socket, /var/cache/hardentui) prints the same JSON
/// with a cold cache, a warm one and a corrupt one.
/// </summary>
[Collection("sandbox")]
public class SyscallGroupCacheTests(SandboxFixture sandbox)
{
    private static string Cli => typeof(HardenTui.Cli.CliApp).Assembly.Location;

    [Fact]
    public async Task A_hit_runs_no_process_and_gives_the_same_groups_and_version()
    {
        var dir = Directory.CreateTempSubdirectory("hardentui-cache-test").FullName;
        try
        {
            var cache = new SyscallGroupCache(dir, sandbox.HostPath("/"));
            cache.Key().ShouldNotBeNull().ShouldContain("/usr/bin/systemd-analyze:");
            var cold = new CountingRunner(sandbox.Runner);
            var first = await new ExposureHost(cold, sandbox.Systemd, cache).SyscallGroupsAsync();
            cold.Runs.ShouldBe(2); // syscall-filter and --version, once
            File.Exists(cache.Path).ShouldBeTrue();

            var warm = new CountingRunner(sandbox.Runner);
            var second = await new ExposureHost(warm, sandbox.Systemd, cache).SyscallGroupsAsync();
            warm.Runs.ShouldBe(0);
            second.SystemdVersion.ShouldBe(first.SystemdVersion);
            second.Names.ShouldBe(first.Names);
            foreach (var g in first.Names) second.Members(g).ShouldBe(first.Members(g), g);

            // Corrupt (cut short): a miss, read again and stored again.
            var text = await File.ReadAllTextAsync(cache.Path);
            await File.WriteAllTextAsync(cache.Path, text[..(text.Length / 2)]);
            var corrupt = new CountingRunner(sandbox.Runner);
            (await new ExposureHost(corrupt, sandbox.Systemd, cache).SyscallGroupsAsync()).Names.ShouldBe(first.Names);
            corrupt.Runs.ShouldBe(2);
            (await File.ReadAllTextAsync(cache.Path)).ShouldBe(text);

            // Keyed for another systemd-analyze (upgraded since): a miss.
            await File.WriteAllTextAsync(cache.Path, text.Replace("/usr/bin/systemd-analyze:", "/usr/bin/systemd-analyze:1"));
            var foreign = new CountingRunner(sandbox.Runner);
            await new ExposureHost(foreign, sandbox.Systemd, cache).SyscallGroupsAsync();
            foreign.Runs.ShouldBe(2);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task An_unwritable_cache_still_reads_the_groups()
    {
        var file = Path.GetTempFileName(); // a file where the directory should be: nothing can be written below it
        try
        {
            var cache = new SyscallGroupCache(file, sandbox.HostPath("/"));
            var runner = new CountingRunner(sandbox.Runner);
            (await new ExposureHost(runner, sandbox.Systemd, cache).SyscallGroupsAsync()).Names.ShouldContain("@system-service");
            runner.Runs.ShouldBe(2);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_app_as_root_prints_the_same_json_cold_warm_and_with_a_corrupt_cache()
    {
        var units = (await sandbox.Systemd.ListServicesAsync()).Where(u => u.LoadState == "loaded").Select(u => u.Name).ToList();
        await sandbox.ShAsync("rm -f /var/cache/hardentui/syscall-filter");
        var cold = await AnalyzeAsync(units);
        File.Exists(sandbox.HostPath("/var/cache/hardentui/syscall-filter")).ShouldBeTrue();
        var warm = await AnalyzeAsync(units);
        warm.ShouldBe(cold);
        await sandbox.ShAsync("printf 'hardentui syscall-filter cache 1\\nkey x\\n' > /var/cache/hardentui/syscall-filter");
        (await AnalyzeAsync(units)).ShouldBe(cold);
        (await AnalyzeAsync(units)).ShouldBe(cold);
    }

    private async Task<string> AnalyzeAsync(IReadOnlyList<string> units)
    {
        var r = await sandbox.Runner.RunAsync(new ProcessSpec("dotnet", [Cli, "analyze", "--json", .. units], Timeout: TimeSpan.FromMinutes(2)));
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldBeEmpty();
        return r.Stdout;
    }

    private sealed class CountingRunner(IProcessRunner inner) : IProcessRunner
    {
        public int Runs;

        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct = default)
        {
            Interlocked.Increment(ref Runs);
            return inner.RunAsync(spec, ct);
        }

        public RunningProcess Start(ProcessSpec spec, Action<string>? onLine = null) => inner.Start(spec, onLine);
    }
}
