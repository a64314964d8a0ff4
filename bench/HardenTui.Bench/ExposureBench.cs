using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HardenTui.Core.Exposure;
using HardenTui.Core.Syscalls;
using HardenTui.Core.Units;
using HardenTui.Host.Exposure;
using HardenTui.Host.Process;

namespace HardenTui.Bench;

/// <summary>
/// Scoring every recorded unit in-process against running `systemd-analyze security` on them. The offline pair
/// does the same work on both sides (read the unit files, score); the online one scores the recorded GetAll
/// properties of every sandbox unit (what the wizard re-does on each toggle).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ExposureBench
{
    private string[] _offlineFiles = [];
    private List<UnitProperties> _online = [];
    private SyscallGroups _groups = null!;
    private SecurityInfo _nginx = null!;

    [GlobalSetup]
    public void Load()
    {
        var golden = Path.Combine(RepoRoot(), "tests", "HardenTui.Core.Tests", "Exposure", "golden");
        _groups = SyscallGroups.Recorded(252);
        _offlineFiles = Directory.GetFiles(Path.Combine(golden, "offline", "units"), "*.service").Order(StringComparer.Ordinal).ToArray();
        _online = Directory.GetFiles(Path.Combine(golden, "online"), "*.json").Select(f =>
        {
            var record = JsonDocument.Parse(File.ReadAllText(f)).RootElement;
            return UnitPropertiesJson.Read(record.GetProperty("unit").GetString()!, record.GetProperty("properties"));
        }).ToList();
        _nginx = SecurityInfo.FromProperties(_online.Single(u => u.Unit == "nginx.service"), _groups);
    }

    [Benchmark(Baseline = true, Description = "systemd-analyze security --offline, every recorded unit file")]
    public int SystemdAnalyzeOffline()
    {
        var total = 0;
        foreach (var file in _offlineFiles)
            total += LocalProcessRunner.Instance.RunAsync(new ProcessSpec("systemd-analyze",
                ["security", "--offline=true", "--no-pager", "--json=short", file])).GetAwaiter().GetResult().Stdout.Length;
        return total;
    }

    [Benchmark(Description = "in-process, every recorded unit file (read + parse + score)")]
    public int InProcessOffline()
    {
        var total = 0;
        foreach (var file in _offlineFiles)
            total += ExposureScorer.Score(SecurityInfo.FromUnit(ExposureHost.ReadBeside(file), _groups)).ExposureTenths;
        return total;
    }

    [Benchmark(Description = "in-process, every recorded sandbox unit from its properties")]
    public int InProcessOnline()
    {
        var total = 0;
        foreach (var properties in _online)
            total += ExposureScorer.Score(SecurityInfo.FromProperties(properties, _groups)).ExposureTenths;
        return total;
    }

    [Benchmark(Description = "Preview: nginx.service + one drop-in")]
    public ExposureReport Preview() =>
        ExposureScorer.Preview(_nginx, "[Service]\nProtectSystem=strict\nSystemCallFilter=@system-service\nPrivateTmp=yes\n");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HardenTui.sln")))
                return dir.FullName;
        throw new InvalidOperationException("run the benchmark from inside the repository");
    }
}
