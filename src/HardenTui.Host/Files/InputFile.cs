using System.Runtime.InteropServices;
using System.Text;
using HardenTui.Core;
using Microsoft.Win32.SafeHandles;

namespace HardenTui.Host.Files;

/// <summary>
/// Every file the user names for reading (--dropin, --profile, --strace-log, --findings, --with-dropin, analyze
/// --offline) is opened here once, without blocking (a FIFO or a tty cannot hang us), then checked on that same
/// descriptor to be a regular file no larger than the bound given (which the error names), and read through that
/// descriptor only. Directories, devices, FIFOs, sockets, symlink loops, unreadable and vanished files, and
/// text that is not UTF-8 are one BadInputException each: one line, exit 2.
/// </summary>
public static class InputFile
{
    public const long TextLimit = 4L * 1024 * 1024;
    public const long LogLimit = 8L * 1024 * 1024 * 1024;

    /// <summary>A whole text file (drop-ins, profiles, findings, unit files), at most <paramref name="maxBytes"/>, strict UTF-8.</summary>
    public static string ReadText(string path, string what, long maxBytes = TextLimit)
    {
        using var stream = Open(path, what, maxBytes);
        var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > maxBytes) throw TooBig(path, what, maxBytes);
            }
        }
        catch (IOException e) { throw new BadInputException($"{what} {path}: cannot be read ({e.Message})"); }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new BadInputException($"{what} {path}: not UTF-8 text (byte {e.Index} is invalid)");
        }
    }

    /// <summary>The file as a stream for streaming readers (strace logs), after the same checks; reads that fail are IOException.</summary>
    public static FileStream Open(string path, string what, long maxBytes)
    {
        if (string.IsNullOrEmpty(path)) throw new BadInputException($"{what}: the file name is empty");
        if (path.Contains('\0')) throw new BadInputException($"{what} {path}: a file name cannot hold a NUL byte");
        var fd = OpenNative(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) throw new BadInputException($"{what} {path}: {Reason(Marshal.GetLastPInvokeError())}");
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var (mode, size) = Stat(fd) ?? throw new BadInputException($"{what} {path}: cannot be examined ({Reason(Marshal.GetLastPInvokeError())})");
            var type = mode & S_IFMT;
            if (type != S_IFREG) throw new BadInputException($"{what} {path}: {TypeName(type)}, not a regular file");
            if (size > maxBytes) throw TooBig(path, what, maxBytes);
            if (path.StartsWith("/proc/", StringComparison.Ordinal) || path.StartsWith("/sys/", StringComparison.Ordinal))
                throw new BadInputException($"{what} {path}: a kernel file, not one you wrote; copy it to a regular file first");
            return new FileStream(handle, FileAccess.Read, 1 << 16);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static BadInputException TooBig(string path, string what, long maxBytes) =>
        new($"{what} {path}: larger than {Size(maxBytes)}, the most HardenTui reads as a {what}");

    internal static string Size(long bytes) => bytes >= 1L << 30 ? $"{bytes >> 30} GiB" : bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";

    internal static string Reason(int errno) => errno switch
    {
        2 => "no such file",
        13 => "permission denied",
        20 => "a part of the path is not a directory",
        21 => "is a directory",
        36 => "the name is too long",
        40 => "too many levels of symbolic links (a symlink loop?)",
        6 or 19 => "no such device",
        _ => $"error {errno} ({Marshal.GetPInvokeErrorMessage(errno)})",
    };

    private static string TypeName(int type) => type switch
    {
        S_IFDIR => "a directory",
        S_IFIFO => "a FIFO (named pipe)",
        S_IFCHR => "a character device",
        S_IFBLK => "a block device",
        S_IFSOCK => "a socket",
        _ => "a special file",
    };

    /// <summary>(st_mode, st_size) of an open descriptor through statx(2), whose layout is the same on every architecture.</summary>
    internal static (int Mode, long Size)? Stat(int fd)
    {
        var buffer = new byte[256];
        if (Statx(fd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_MODE | STATX_SIZE, buffer) != 0) return null;
        return (BitConverter.ToUInt16(buffer, 28), BitConverter.ToInt64(buffer, 40));
    }

    internal const int S_IFMT = 0xF000, S_IFREG = 0x8000, S_IFDIR = 0x4000, S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFBLK = 0x6000, S_IFSOCK = 0xC000, S_IFLNK = 0xA000;
    internal const int O_RDONLY = 0, O_WRONLY = 1, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000, O_NOFOLLOW = 0x20000, O_PATH = 0x200000;
    private const int AT_EMPTY_PATH = 0x1000, STATX_TYPE = 1, STATX_MODE = 2, STATX_SIZE = 0x200;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int OpenNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mask, byte[] buffer);
}
