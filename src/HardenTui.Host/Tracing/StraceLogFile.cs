using HardenTui.Core.Findings;
using HardenTui.Core.Tracing;

namespace HardenTui.Host.Tracing;

/// <summary>
/// Reads a whole strace log file into a findings builder using every core: scanner threads each read a block of
/// the file at its offset (pread) and scan it (<see cref="StraceBlockScanner"/>: lines, histogram, which lines
/// matter), while the calling thread folds the scanned blocks in file order (<see cref="FindingsBuilder.Accept(StraceBlock)"/>),
/// so the findings are exactly those of reading it line by line. Small files, and one-core machines, are read
/// line by line on the calling thread (no thread to start). At most <c>2 × scanners + 2</c> blocks of 1 MiB are in memory.
/// </summary>
public static class StraceLogFile
{
    public const int BlockBytes = 1 << 20;
    /// <summary>Below this, threads cost more than they give.</summary>
    public const long ParallelFrom = 8L << 20;
    /// <summary>The in-order fold is about half the work, so scanners beyond a few only wait for it (and hold blocks).</summary>
    public const int MaxScanners = 4;

    /// <param name="log">The log opened for reading (by <c>InputFile.Open</c>); read from its start.</param>
    /// <param name="threads">Scanner threads besides the calling one; default one per core up to <see cref="MaxScanners"/> (none on one core); 0 reads line by line.</param>
    public static FindingsBuilder Feed(FileStream log, FindingsBuilder builder, int? threads = null, int blockBytes = BlockBytes, long parallelFrom = ParallelFrom)
    {
        var size = log.Length;
        var scanners = threads ?? Math.Min(Environment.ProcessorCount, MaxScanners);
        if (scanners < 2 && threads is null || scanners < 1 || size < parallelFrom) return StraceLog.Feed(log, builder);
        new Run(log.SafeFileHandle, builder, scanners, blockBytes, size).Go();
        return builder;
    }

    private sealed class Run(Microsoft.Win32.SafeHandles.SafeFileHandle file, FindingsBuilder builder, int scanners, int blockBytes, long size)
    {
        private sealed class Slot(int capacity)
        {
            public readonly StraceBlock Block = new(capacity);
            public bool Ready;
            public Exception? Error;
        }

        private readonly int _blocks = (int)((size + blockBytes - 1) / blockBytes);
        private readonly Slot[] _slots = Enumerable.Range(0, 2 * scanners + 2).Select(_ => new Slot(blockBytes)).ToArray();
        private readonly SemaphoreSlim _free = new(2 * scanners + 2);
        private readonly object _gate = new();
        private int _next = -1;
        private volatile bool _stop;

        public void Go()
        {
            var threads = Enumerable.Range(0, scanners).Select(_ => new Thread(Scan) { IsBackground = true, Name = "strace-scan" }).ToArray();
            foreach (var t in threads) t.Start();
            try
            {
                for (var i = 0; i < _blocks; i++)
                {
                    var slot = _slots[i % _slots.Length];
                    lock (_gate)
                    {
                        while (!slot.Ready) Monitor.Wait(_gate);
                    }
                    if (slot.Error is { } error) throw error is IOException ? new IOException(error.Message, error) : new InvalidOperationException(error.Message, error);
                    builder.Accept(slot.Block);
                    slot.Ready = false;
                    _free.Release();
                }
                // A log still being written may have grown since its size was taken: read on to its end, here.
                var scanner = new StraceBlockScanner();
                var tail = _slots[0].Block;
                for (var offset = size; (tail.Length = ReadAt(tail.Buffer, offset)) > 0; offset += tail.Length)
                {
                    scanner.Scan(tail);
                    builder.Accept(tail);
                }
                builder.EndBlocks();
            }
            finally
            {
                _stop = true;
                _free.Release(_slots.Length);
            }
            foreach (var t in threads) t.Join();
        }

        private void Scan()
        {
            var scanner = new StraceBlockScanner();
            while (true)
            {
                _free.Wait();
                var i = Interlocked.Increment(ref _next);
                if (_stop || i >= _blocks) return;
                // Holding a permit before taking the index means at most Slots.Length blocks are taken and not yet
                // folded, so block i - Slots.Length has been folded and its slot is free.
                var slot = _slots[i % _slots.Length];
                try
                {
                    var block = slot.Block;
                    block.Length = ReadAt(block.Buffer.AsSpan(0, (int)Math.Min(blockBytes, size - (long)i * blockBytes)), (long)i * blockBytes);
                    scanner.Scan(block);
                }
                catch (Exception e)
                {
                    slot.Error = e;
                }
                lock (_gate)
                {
                    slot.Ready = true;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>Fills the buffer from the offset, or as much as the file still has.</summary>
        private int ReadAt(Span<byte> buffer, long offset)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var n = RandomAccess.Read(file, buffer[total..], offset + total);
                if (n == 0) break;
                total += n;
            }
            return total;
        }
    }
}
