using System.Text;
using HardenTui.Core.Tracing;

namespace HardenTui.Core.Findings;

/// <summary>
/// Turns a path argument into an absolute, lexically normalised path: relative paths are joined to the dirfd's
/// path (from -y decoration or the fd table) or the process's working directory; unknown bases stay relative.
/// </summary>
internal static class PathResolver
{
    public const int MaxPath = 4096;

    /// <summary>Writes the resolved path into <paramref name="into"/> (2×MaxPath chars) and returns its length, or -1.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit] // the buffer is written before it is read; zeroing it cost more than the parse
    public static int Resolve(ReadOnlySpan<byte> args, PathArgument arg, ProcessState state, Span<char> into) =>
        Resolve(StraceArgs.Nth(args, arg.Path), args, arg, state, into);

    /// <summary>The same, with the path argument (<paramref name="quoted"/>, as strace printed it) already found.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit] // the buffer is written before it is read; zeroing it cost more than the parse
    public static int Resolve(ReadOnlySpan<byte> quoted, ReadOnlySpan<byte> args, PathArgument arg, ProcessState state, Span<char> into)
    {
        Span<byte> raw = stackalloc byte[MaxPath];
        var n = StraceArgs.Unquote(quoted, raw);
        if (n <= 0) return -1;
        var path = raw[..n];
        Span<char> joined = stackalloc char[2 * MaxPath + 1];
        var length = 0;
        if (path[0] != (byte)'/')
        {
            var basePath = arg.DirFd >= 0 ? DirFdPath(StraceArgs.Nth(args, arg.DirFd), state) : state.Cwd.AsSpan();
            if (!basePath.IsEmpty)
            {
                basePath.CopyTo(joined);
                length = basePath.Length;
                joined[length++] = '/';
            }
        }
        length += Encoding.UTF8.GetChars(path, joined[length..]);
        return Normalize(joined[..length], into);
    }

    private static ReadOnlySpan<char> DirFdPath(ReadOnlySpan<byte> dirfd, ProcessState state)
    {
        var decorated = StraceArgs.DecoratedPath(dirfd);
        if (!decorated.IsEmpty) return Encoding.UTF8.GetString(decorated);
        if (dirfd.StartsWith("AT_FDCWD"u8)) return state.Cwd;
        return StraceArgs.TryInteger(dirfd, out var fd) && state.Fds.TryGetValue((int)fd, out var p) && p.StartsWith('/') ? p : default;
    }

    /// <summary>Collapses "//", "/./" and "dir/.." without touching the file system; returns the length written.</summary>
    public static int Normalize(ReadOnlySpan<char> path, Span<char> into)
    {
        if (path.Length > 1 && path[0] == '/' && path[^1] != '/' && path.IndexOf("//") < 0 && path.IndexOf("/.") < 0)
        {
            path.CopyTo(into); // already normal (most paths): no part to drop
            return path.Length;
        }
        var absolute = path.Length > 0 && path[0] == '/';
        var n = 0;
        if (absolute) into[n++] = '/';
        foreach (var range in path.Split('/'))
        {
            var part = path[range];
            if (part.IsEmpty || part is ".") continue;
            if (part is ".." && n > (absolute ? 1 : 0))
            {
                var cut = into[..n].TrimEnd('/').LastIndexOf('/');
                n = cut <= 0 ? (absolute ? 1 : 0) : cut + 1;
                continue;
            }
            part.CopyTo(into[n..]);
            n += part.Length;
            into[n++] = '/';
        }
        if (n > 1 && into[n - 1] == '/') n--;
        return n;
    }
}
