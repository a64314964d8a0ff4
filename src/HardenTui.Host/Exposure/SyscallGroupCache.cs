// `systemd-analyze syscall-filter` and `--version` kept on disk, so analyze does not start two processes on every
// run: the groups are compiled into systemd (libsystemd-shared), so they change only when systemd-analyze or that
// library does. The key is their size and modification time; the entry is the two outputs as systemd-analyze printed
// them (parsed again on read, so the cache holds nothing our parser made).
namespace HardenTui.Host.Exposure;

/// <summary>
/// One file, syscall-filter in <see cref="Directory"/>: a header line, the key line, the version line
/// systemd-analyze printed, the length of what follows, then its syscall-filter output. Anything unreadable, corrupt or keyed otherwise is a
/// miss; a write that fails is forgotten. Never a reason for a command to fail.
/// </summary>
public sealed class SyscallGroupCache(string directory, string root = "/")
{
    private const string Header = "hardentui syscall-filter cache 1";
    internal const string FileName = "syscall-filter";

    /// <summary>Where the cache lives: /var/cache/hardentui as root, else the user's cache directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>Where the systemd-analyze that is run is seen from here ("/", or /proc/LEADER/root for a sandbox).</summary>
    public string Root { get; } = root;

    public string Path => System.IO.Path.Combine(Directory, FileName);

    /// <summary>This machine: /var/cache/hardentui for root; $XDG_CACHE_HOME/hardentui (~/.cache/hardentui) for a user.</summary>
    public static SyscallGroupCache? ForThisUser()
    {
        if (Environment.IsPrivilegedProcess) return new SyscallGroupCache("/var/cache/hardentui");
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && xdg.StartsWith('/')) return new SyscallGroupCache(System.IO.Path.Combine(xdg, "hardentui"));
        var home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) || !home.StartsWith('/') ? null : new SyscallGroupCache(System.IO.Path.Combine(home, ".cache", "hardentui"));
    }

    /// <summary>The programs the groups come from, as size and modification time; null when systemd-analyze is not found.</summary>
    public string? Key()
    {
        var analyze = Find("systemd-analyze");
        if (analyze is null) return null;
        var parts = new List<string> { Stamp(analyze) };
        // The group tables live in libsystemd-shared-VERSION.so (src/shared/seccomp-util.c), beside or below /usr/lib.
        foreach (var dir in new[] { "usr/lib/x86_64-linux-gnu/systemd", "usr/lib/aarch64-linux-gnu/systemd", "usr/lib/systemd", "usr/lib64/systemd", "lib/systemd" })
        {
            var full = System.IO.Path.Combine(Root, dir);
            if (!System.IO.Directory.Exists(full)) continue;
            foreach (var lib in System.IO.Directory.GetFiles(full, "libsystemd-shared-*.so").Order(StringComparer.Ordinal))
                parts.Add(Stamp(lib));
        }
        return string.Join(' ', parts);
    }

    /// <summary>The cached (version line, syscall-filter output) for this key, or null.</summary>
    public (string VersionLine, string Filter)? Read(string key)
    {
        try
        {
            var text = File.ReadAllText(Path);
            var lines = text.Split('\n', 5);
            if (lines.Length < 5 || lines[0] != Header || lines[1] != "key " + key || !lines[2].StartsWith("version ", StringComparison.Ordinal)
                || lines[3] != $"chars {lines[4].Length}")
                return null;
            return (lines[2]["version ".Length..], lines[4]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Stores an entry (temp file, then rename: a reader never sees half of one); false when it cannot be written.</summary>
    public bool Write(string key, string versionLine, string filter)
    {
        if (versionLine.Contains('\n') || key.Contains('\n')) return false;
        var temp = System.IO.Path.Combine(Directory, $".{FileName}.{Environment.ProcessId}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(temp, $"{Header}\nkey {key}\nversion {versionLine}\nchars {filter.Length}\n{filter}");
            File.Move(temp, Path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            try { File.Delete(temp); } catch (Exception d) when (d is IOException or UnauthorizedAccessException) { }
            return false;
        }
    }

    private string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } p ? p : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var dir in path.Split(':'))
        {
            if (!dir.StartsWith('/')) continue;
            var candidate = System.IO.Path.Combine(Root, dir.TrimStart('/'), program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private string Stamp(string file)
    {
        var info = new FileInfo(file);
        var real = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        var name = Root == "/" ? file : file[Root.TrimEnd('/').Length..];
        return $"{name}:{real.Length}:{real.LastWriteTimeUtc.Ticks}";
    }
}
