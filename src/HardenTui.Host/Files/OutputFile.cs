using System.Runtime.InteropServices;
using HardenTui.Core;

namespace HardenTui.Host.Files;

/// <summary>
/// Files the user names for writing (trace --out, export --out). <see cref="Check"/> runs before any work (so a
/// trace is not run for an output that cannot be written): the directory exists and we may write in it, the
/// target is absent or a regular file (not a directory, FIFO, device or symlink), and it is not below /proc,
/// /sys or /dev. <see cref="Write"/> writes a temporary file beside it and renames it over the target, so a reader
/// never sees half a file and a symlink put there meanwhile is replaced, not followed.
/// </summary>
public static class OutputFile
{
    public static string Check(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new BadInputException($"{what}: the file name is empty");
        if (path.Contains('\0')) throw new BadInputException($"{what} {path}: a file name cannot hold a NUL byte");
        var full = Path.GetFullPath(path);
        if (full.EndsWith('/') || path.EndsWith('/')) throw new BadInputException($"{what} {path}: names a directory; name a file");
        foreach (var kernel in new[] { "/proc/", "/sys/", "/dev/" })
            if (full.StartsWith(kernel, StringComparison.Ordinal)) throw new BadInputException($"{what} {path}: below {kernel}, not a place for a file");
        var dir = Path.GetDirectoryName(full)!;
        var (dirMode, _, dirErr) = LStat(dir, follow: true);
        if (dirErr != 0) throw new BadInputException($"{what} {path}: its directory {dir}: {InputFile.Reason(dirErr)}");
        if ((dirMode & InputFile.S_IFMT) != InputFile.S_IFDIR) throw new BadInputException($"{what} {path}: {dir} is not a directory");
        var (mode, _, err) = LStat(full, follow: false);
        if (err == 0)
        {
            var type = mode & InputFile.S_IFMT;
            if (type == InputFile.S_IFLNK) throw new BadInputException($"{what} {path}: is a symbolic link; name the file it points to");
            if (type != InputFile.S_IFREG) throw new BadInputException($"{what} {path}: exists and is not a regular file");
        }
        else if (err != 2) throw new BadInputException($"{what} {path}: {InputFile.Reason(err)}");
        if (Access(dir, W_OK | X_OK) != 0)
            throw new BadInputException($"{what} {path}: cannot write in {dir} ({InputFile.Reason(Marshal.GetLastPInvokeError())})");
        return full;
    }

    public static void Write(string path, string text, string what)
    {
        var full = Check(path, what);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"{what} {path}: cannot be written ({e.Message})");
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { }
        }
    }

    private static (int Mode, long Size, int Errno) LStat(string path, bool follow)
    {
        var buffer = new byte[256];
        if (Statx(AT_FDCWD, path, follow ? 0 : AT_SYMLINK_NOFOLLOW, 0x203, buffer) != 0) return (0, 0, Marshal.GetLastPInvokeError());
        return (BitConverter.ToUInt16(buffer, 28), BitConverter.ToInt64(buffer, 40), 0);
    }

    private const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, W_OK = 2, X_OK = 1;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
