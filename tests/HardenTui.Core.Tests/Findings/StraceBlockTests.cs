using System.IO.Compression;
using System.Text;
using HardenTui.Core.Findings;
using HardenTui.Core.Tracing;
using HardenTui.Host.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Findings;

/// <summary>
/// A log read in blocks (cut anywhere, scanned apart, folded in order) and with scanner threads must give exactly
/// the findings of reading it line by line: every kind, count, evidence line and statistic.
/// </summary>
public class StraceBlockTests
{
    private static string Log(string name) => Path.Combine(AppContext.BaseDirectory, "Tracing", "logs", name);

    private static readonly Lazy<byte[]> NginxLoad = new(() =>
    {
        using var gz = new GZipStream(File.OpenRead(Log("nginx-load.log.gz")), CompressionMode.Decompress);
        var log = new MemoryStream();
        gz.CopyTo(log);
        return log.ToArray();
    });

    private static FindingsBuilder NewBuilder() =>
        new(s => s.StartsWith("open", StringComparison.Ordinal) ? ["@file-system"] : [], exe => exe == "/usr/sbin/nginx" ? "/lib64/ld-linux-x86-64.so.2" : null);

    private static string LineByLine(byte[] log) => Whole(StraceLog.Feed(new MemoryStream(log), NewBuilder()).Snapshot());

    /// <summary>Everything in the findings: the JSON, plus the evidence kept for each syscall (which the JSON leaves out).</summary>
    private static string Whole(HardenTui.Core.Findings.Findings f) =>
        FindingsJson.Write(f) + string.Concat(f.Syscalls.Select(s => $"\n{s.Key} {s.Count}: {string.Join(" | ", s.Evidence)}"));

    /// <summary>The log cut into blocks of <paramref name="blockBytes"/>, each scanned by one of two scanners in turn, folded in order.</summary>
    private static string InBlocks(byte[] log, int blockBytes)
    {
        var builder = NewBuilder();
        var scanners = new[] { new StraceBlockScanner(), new StraceBlockScanner() };
        var blocks = new[] { new StraceBlock(blockBytes), new StraceBlock(blockBytes) };
        for (int offset = 0, i = 0; offset < log.Length; offset += blockBytes, i++)
        {
            var block = blocks[i % 2];
            block.Length = Math.Min(blockBytes, log.Length - offset);
            log.AsSpan(offset, block.Length).CopyTo(block.Buffer);
            scanners[(i / 3) % 2].Scan(block);
            builder.Accept(block);
        }
        builder.EndBlocks();
        return Whole(builder.Snapshot());
    }

    private static string WithThreads(byte[] log, int threads, int blockBytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hardentui-blocks-{Guid.NewGuid():N}.log");
        File.WriteAllBytes(path, log);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
            return Whole(StraceLogFile.Feed(file, NewBuilder(), threads, blockBytes, parallelFrom: 0).Snapshot());
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string> Logs => ["ff.log", "fttt.log", "killed.log", "nginx-start.log", "r.log", "t.log"];

    [Theory]
    [MemberData(nameof(Logs))]
    public void Every_cut_of_a_real_log_gives_the_line_by_line_findings(string name)
    {
        var log = File.ReadAllBytes(Log(name));
        var expected = LineByLine(log);
        expected.ShouldContain("\"callsStarted\"");
        foreach (var size in new[] { 1, 2, 3, 7, 61, 256, 4096, log.Length, log.Length + 1 })
            InBlocks(log, size).ShouldBe(expected, $"blocks of {size} bytes");
    }

    [Fact]
    public void Unfinished_and_resumed_halves_in_different_blocks_are_joined()
    {
        var log = Encoding.UTF8.GetBytes(
            "5738  22:28:59.406273 execve(\"/usr/bin/ls\", [...], 0x561cbc21deb8 /* 47 vars */ <unfinished ...>\n" +
            "5734  22:28:59.406532 <... vfork resumed>) = 5738\n" +
            "5738  22:28:59.407653 <... execve resumed>) = 0\n" +
            "5738  22:28:59.407700 openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC <unfinished ...>\n" +
            "5734  22:28:59.407701 close(3) = 0\n" +
            "5738  22:28:59.407702 <... openat resumed>) = 3\n" +
            "5738  22:28:59.407703 mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE, 3, 0) = 0x7f00\n" +
            "5738  22:28:59.407704 +++ exited with 0 +++\n");
        var expected = LineByLine(log);
        expected.ShouldContain("/usr/bin/ls");
        expected.ShouldContain("/etc/ld.so.cache");
        var resumed = Encoding.UTF8.GetString(log).IndexOf("<... execve resumed>", StringComparison.Ordinal);
        // One block ends inside the unfinished line, the next inside the resumed one, and every other cut too.
        for (var size = 1; size <= log.Length; size += size < 40 ? 1 : 13) InBlocks(log, size).ShouldBe(expected, $"blocks of {size} bytes");
        InBlocks(log, resumed + 5).ShouldBe(expected);
    }

    [Theory]
    [InlineData("crlf")]
    [InlineData("no trailing newline")]
    [InlineData("one line")]
    [InlineData("empty")]
    [InlineData("only newlines")]
    [InlineData("binary")]
    public void Edge_shaped_logs_give_the_line_by_line_findings(string shape)
    {
        var nginx = File.ReadAllText(Log("nginx-start.log"));
        var log = shape switch
        {
            "crlf" => Encoding.UTF8.GetBytes(nginx.Replace("\n", "\r\n")),
            "no trailing newline" => Encoding.UTF8.GetBytes(nginx.TrimEnd('\n')),
            "one line" => "123 openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3"u8.ToArray(),
            "empty" => [],
            "only newlines" => "\n\n\n"u8.ToArray(),
            _ => Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7919 % 251)).ToArray(),
        };
        var expected = LineByLine(log);
        foreach (var size in new[] { 1, 5, 64, 1000, 1 << 16 })
            InBlocks(log, size).ShouldBe(expected, $"{shape}, blocks of {size} bytes");
        WithThreads(log, 2, 64).ShouldBe(expected, $"{shape}, threads");
    }

    [Fact]
    public void A_line_longer_than_the_reader_limit_is_cut_the_same_way()
    {
        var log = Encoding.UTF8.GetBytes("1 openat(AT_FDCWD, \"/etc/a\", O_RDONLY) = 3\n1 openat(AT_FDCWD, \"/" + new string('x', 3 << 20)
            + "\", O_RDONLY) = 4\n1 openat(AT_FDCWD, \"/etc/b\", O_RDONLY) = 5\n1 write(1, \"" + new string('y', (1 << 20) + 5));
        var expected = LineByLine(log);
        InBlocks(log, 1 << 16).ShouldBe(expected);
        InBlocks(log, 3 << 20).ShouldBe(expected);
    }

    [Fact]
    public void The_nginx_load_log_in_blocks_and_with_threads_gives_the_line_by_line_findings()
    {
        var log = NginxLoad.Value;
        var expected = LineByLine(log);
        expected.ShouldContain("\"newfstatat\": 248504");
        InBlocks(log, 1 << 20).ShouldBe(expected);
        InBlocks(log, 100_003).ShouldBe(expected);
        WithThreads(log, 2, 1 << 20).ShouldBe(expected, "two scanner threads, 1 MB blocks");
        WithThreads(log, 3, 65_537).ShouldBe(expected, "three scanner threads, odd blocks");
    }

    [Fact]
    public void Scanning_allocates_nothing_per_line()
    {
        var log = NginxLoad.Value;
        var scanner = new StraceBlockScanner();
        var block = new StraceBlock(1 << 20);
        void ScanAll()
        {
            for (var offset = 0; offset < log.Length; offset += block.Buffer.Length)
            {
                block.Length = Math.Min(block.Buffer.Length, log.Length - offset);
                log.AsSpan(offset, block.Length).CopyTo(block.Buffer);
                scanner.Scan(block);
            }
        }
        ScanAll(); // names and note buffers grow to their size
        var before = GC.GetAllocatedBytesForCurrentThread();
        ScanAll();
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(4096, "64 MB scanned a second time");
    }

    [Fact]
    public void Folding_blocks_allocates_nothing_per_line()
    {
        var log = NginxLoad.Value;
        var scanner = new StraceBlockScanner();
        var block = new StraceBlock(1 << 20);
        var builder = new FindingsBuilder();
        void FoldAll()
        {
            for (var offset = 0; offset < log.Length; offset += block.Buffer.Length)
            {
                block.Length = Math.Min(block.Buffer.Length, log.Length - offset);
                log.AsSpan(offset, block.Length).CopyTo(block.Buffer);
                scanner.Scan(block);
                builder.Accept(block);
            }
        }
        FoldAll(); // keys, samples, fd tables
        var before = GC.GetAllocatedBytesForCurrentThread();
        FoldAll(); // the log again: 64 MB more into the same builder
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(256 * 1024, "a longer log must not cost more memory");
        builder.EndBlocks();
        builder.Snapshot().SyscallHistogram()["newfstatat"].ShouldBe(2 * 248504);
    }
}
