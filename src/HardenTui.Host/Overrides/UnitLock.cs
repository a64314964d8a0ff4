using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HardenTui.Core;
using HardenTui.Host.Process;
using Microsoft.Win32.SafeHandles;

namespace HardenTui.Host.Overrides;

/// <summary>
/// One hardentui at a time per unit: apply, rollback, bisect and the tracers that change the unit take
/// /run/hardentui/locks/UNIT.lock with flock(2) (released by the kernel when the holder exits, however it exits)
/// and write who holds it (pid, process start time, what, when). A second one is refused with one line naming
/// the holder. Re-entrant within a process (the CLI's apply holds it while its trace and the workflow take it again).
/// </summary>
public sealed class UnitLock : IDisposable
{
    private static readonly Dictionary<string, (UnitLock Lock, int Count)> Held = [];
    private readonly string _path;
    private readonly SafeFileHandle _handle;
    private bool _disposed;

    private UnitLock(string path, SafeFileHandle handle)
    {
        _path = path;
        _handle = handle;
    }

    public static string PathOf(string root, string unit) =>
        SafeFile.Resolve(root, $"run/hardentui/locks/{Core.Units.UnitName.Parse(unit).Value}.lock");

    /// <summary>Takes the unit's lock for <paramref name="what"/> or throws BadInputException naming the process that holds it.</summary>
    public static IDisposable Acquire(string root, string unit, string what, TimeProvider clock)
    {
        var path = PathOf(root, unit);
        lock (Held)
        {
            if (Held.TryGetValue(path, out var held))
            {
                Held[path] = (held.Lock, held.Count + 1);
                return new Release(path);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fd = Open(path, O_RDWR | O_CREAT | Files.InputFile.O_NOFOLLOW | Files.InputFile.O_CLOEXEC, 0x180 /* 0600 */);
            if (fd < 0) throw new BadInputException($"cannot open the lock {path}: {Files.InputFile.Reason(Marshal.GetLastPInvokeError())}");
            var handle = new SafeFileHandle(fd, ownsHandle: true);
            if (Flock(fd, LOCK_EX | LOCK_NB) != 0)
            {
                var holder = ReadHolder(handle);
                handle.Dispose();
                throw new BadInputException($"{unit} is in use by hardentui {holder}; try again when it has finished");
            }
            var me = ProcessIdentity.Current;
            var text = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{me.Pid} {me.StartTime} {what} {clock.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'}\n"));
            Ftruncate(fd, 0);
            RandomAccess.Write(handle, text, 0);
            Held[path] = (new UnitLock(path, handle), 1);
            return new Release(path);
        }
    }

    /// <summary>"PID 123 (apply), started 2026-11-30 12:00:01 UTC" from the lock file; what is known when it is unreadable.</summary>
    private static string ReadHolder(SafeFileHandle handle)
    {
        var buffer = new byte[256];
        var n = RandomAccess.Read(handle, buffer, 0);
        var parts = Encoding.UTF8.GetString(buffer, 0, n).Trim().Split(' ');
        if (parts.Length < 4 || !int.TryParse(parts[0], out var pid)) return "another process (the lock holds no owner yet)";
        var started = DateTimeOffset.TryParse(parts[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : parts[3];
        return $"PID {pid} ({parts[2]}), started {started}";
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _handle.Dispose(); // closing the last descriptor releases the flock
    }

    private sealed class Release(string path) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            lock (Held)
            {
                var (held, count) = Held[path];
                if (count > 1) Held[path] = (held, count - 1);
                else
                {
                    Held.Remove(path);
                    held.Dispose();
                }
            }
        }
    }

    private const int O_RDWR = 2, O_CREAT = 0x40, LOCK_EX = 2, LOCK_NB = 4;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int fd, int operation);

    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static extern int Ftruncate(int fd, long length);
}
