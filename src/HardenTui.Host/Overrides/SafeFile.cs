using System.Runtime.InteropServices;
using HardenTui.Core;

namespace HardenTui.Host.Overrides;

/// <summary>
/// File writes that never leave a half-written file and never follow a symlink planted below the root:
/// temp file in the same directory (O_EXCL), fsync, rename over the target, fsync the directory.
/// </summary>
internal static class SafeFile
{
    /// <summary>Joins a root-relative path ("etc/systemd/…") to the root and checks no component is a symlink.</summary>
    public static string Resolve(string root, string relative)
    {
        if (relative.StartsWith('/') || relative.Split('/').Contains("..")) throw new BadInputException($"refusing path '{relative}'");
        var full = Path.Combine(root, relative);
        var current = root;
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.Exists || Directory.Exists(current))
            {
                if (info.LinkTarget is not null || new DirectoryInfo(current).LinkTarget is not null)
                    throw new BadInputException($"refusing to touch {current}: it is a symbolic link");
            }
        }
        return full;
    }

    public static string? ReadOrNull(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    public static void WriteAtomic(string path, string text)
    {
        var dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        SyncDirectory(dir);
    }

    /// <summary>
    /// The marker in a directory HardenTui created (UNIT.service.d/): systemd reads only *.conf there, and the
    /// marker lets us remove the directory again once nothing but it is left, never a directory of the user's.
    /// </summary>
    public const string CreatedMarker = ".hardentui-created";

    public static void MarkCreated(string dir) =>
        WriteAtomic(Path.Combine(dir, CreatedMarker), "HardenTui created this directory and removes it when its drop-in goes.\n");

    public static void RemoveDirectoryIfOurs(string dir)
    {
        try
        {
            if (!Directory.Exists(dir)) return;
            var entries = Directory.GetFileSystemEntries(dir);
            if (entries.Length != 1 || Path.GetFileName(entries[0]) != CreatedMarker) return;
            File.Delete(entries[0]);
            Directory.Delete(dir);
            SyncDirectory(Path.GetDirectoryName(dir)!);
        }
        catch (IOException) { }
    }

    public static void DeleteDurably(string path)
    {
        if (!File.Exists(path)) return;
        File.Delete(path);
        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>A rename is durable only once its directory is on disk (rename(2), fsync(2)).</summary>
    private static void SyncDirectory(string dir)
    {
        var fd = Open(dir, 0 /* O_RDONLY */ | 0x10000 /* O_DIRECTORY */);
        if (fd < 0) return;
        Fsync(fd);
        Close(fd);
    }

    [DllImport("libc", EntryPoint = "open")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
