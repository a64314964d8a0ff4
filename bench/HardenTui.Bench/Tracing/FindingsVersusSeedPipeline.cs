// `findings --strace-log` against the seed article's count-only pipeline, on a real strace log of nginx under
// load in the sandbox (data/nginx-load.log.gz: strace -f -tt -s 0 of nginx start-up and two workers serving
// ApacheBench, first 800k lines, 64 MB) replicated to the size under test. Setup checks that both produce the
// same syscall histogram before anything is timed.
using System.Diagnostics;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using HardenTui.Core.Findings;
using HardenTui.Core.Tracing;

namespace HardenTui.Bench.Tracing;

[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FindingsVersusSeedPipeline
{
    private const string SeedPipeline = "awk '{print $3}' \"$0\" | awk -F\\( '{print $1}' | grep -E \"^[a-z]\" | sort | uniq -c";
    private string _log = "";

    /// <summary>How many copies of the captured log the benchmark log holds.</summary>
    [Params(1, 4)]
    public int Copies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "data", "nginx-load.log.gz");
        _log = Path.Combine(Path.GetTempPath(), $"hardentui-bench-nginx-{Copies}.log");
        using (var output = File.Create(_log))
        {
            for (var i = 0; i < Copies; i++)
            {
                using var gz = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
                gz.CopyTo(output);
            }
        }
        var ours = Findings().SyscallHistogram();
        var seed = Pipeline();
        if (ours.Count != seed.Count || ours.Any(p => !seed.TryGetValue(p.Key, out var n) || n != p.Value))
            throw new InvalidOperationException("findings and the seed pipeline disagree on the syscall histogram");
        Console.WriteLine($"// {new FileInfo(_log).Length / 1_000_000} MB, {ours.Values.Sum()} calls, {ours.Count} syscalls: histograms identical");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_log);

    [Benchmark(Baseline = true, Description = "seed awk|awk|grep|sort|uniq -c")]
    public Dictionary<string, long> Pipeline()
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", SeedPipeline, _log }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(' ', 2))
            .ToDictionary(x => x[1], x => long.Parse(x[0]));
    }

    [Benchmark(Description = "HardenTui full findings")]
    public HardenTui.Core.Findings.Findings Findings()
    {
        using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return StraceLog.Feed(stream, new FindingsBuilder()).Snapshot();
    }
}
