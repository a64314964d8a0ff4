// The argument-dependent rules: which file a PROT_EXEC mmap maps, which namespaces a clone creates, whether a
// kill reaches another process, which scheduling policy is realtime; plus the fd table and working directory
// that let relative paths and mmap'd fds be named. Table-driven effects (paths, plain capabilities, kinds) are
// in syscall-effects.json; socket rules are in SocketRules.
using System.Collections.Frozen;
using System.Text;
using HardenTui.Core.Tracing;

namespace HardenTui.Core.Findings;

internal static class CallRules
{
    private static readonly FrozenSet<string> Names = new[]
    {
        "execve", "execveat", "mmap", "mmap2", "mprotect", "pkey_mprotect", "clone", "clone3", "fork", "vfork", "unshare",
        "kill", "sched_setscheduler", "sched_setattr", "close", "chdir", "fchdir", "mknod", "mknodat",
    }.Concat(SocketRules.Names).ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] Namespaces =
        ["CLONE_NEWNS", "CLONE_NEWUTS", "CLONE_NEWIPC", "CLONE_NEWUSER", "CLONE_NEWPID", "CLONE_NEWNET", "CLONE_NEWCGROUP", "CLONE_NEWTIME"];

    public static bool Handles(string syscall) => Names.Contains(syscall);

    public static void Apply(FindingsBuilder b, string name, int pid, ProcessState state, ReadOnlySpan<byte> args, StraceResult result, ReadOnlySpan<byte> evidence)
    {
        switch (name)
        {
            case "execve" or "execveat" when result.Succeeded:
                var exe = Resolve(args, name == "execve" ? new PathArgument(0, -1, PathAccess.Read, -1) : new PathArgument(1, 0, PathAccess.Read, -1), state);
                if (exe is not null) RecordExecuted(b, exe, evidence);
                break;
            case "mmap" or "mmap2":
                Mapping(b, "mmap", state, StraceArgs.Nth(args, 2), StraceArgs.Nth(args, 4), result, evidence);
                break;
            case "mprotect" or "pkey_mprotect":
                Mapping(b, "mprotect", state, StraceArgs.Nth(args, 2), default, result, evidence);
                break;
            case "clone" or "clone3" or "fork" or "vfork":
                Namespace(b, args, evidence);
                if (result.Succeeded && result.Value > 0) b.Adopt((int)result.Value, state.Fork(StraceArgs.HasFlag(args, "CLONE_FILES"u8)));
                break;
            case "unshare":
                Namespace(b, args, evidence);
                break;
            case "kill" when StraceArgs.TryInteger(StraceArgs.Nth(args, 0), out var target) && target != pid && target != 0:
                b[FindingKind.Capability].Add("CAP_KILL", evidence);
                break;
            case "sched_setscheduler" or "sched_setattr":
                foreach (var policy in new[] { "SCHED_FIFO", "SCHED_RR" })
                {
                    if (!StraceArgs.HasFlag(args, Encoding.ASCII.GetBytes(policy))) continue;
                    b[FindingKind.Realtime].Add(policy, evidence);
                    b[FindingKind.Capability].Add("CAP_SYS_NICE", evidence);
                }
                break;
            case "close" when StraceArgs.TryInteger(StraceArgs.Nth(args, 0), out var fd):
                state.Fds.Remove((int)fd);
                break;
            case "chdir" when result.Succeeded:
                state.Cwd = Resolve(args, new PathArgument(0, -1, PathAccess.Read, -1), state) ?? state.Cwd;
                break;
            case "fchdir" when result.Succeeded && StraceArgs.TryInteger(StraceArgs.Nth(args, 0), out var dirfd):
                state.Cwd = state.Fds.GetValueOrDefault((int)dirfd) is { } dir && dir.StartsWith('/') ? dir : state.Cwd;
                break;
            case "mknod" or "mknodat":
                var mode = StraceArgs.Nth(args, name == "mknod" ? 1 : 2);
                if (StraceArgs.HasFlag(mode, "S_IFCHR"u8) || StraceArgs.HasFlag(mode, "S_IFBLK"u8)) b[FindingKind.Capability].Add("CAP_MKNOD", evidence);
                break;
            default:
                SocketRules.Apply(b, name, state, args, result, evidence);
                break;
        }
    }

    /// <summary>Paths named by the effect table, sorted into read / written / created; opened fds remember their path.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit] // the buffer is written before it is read; zeroing it cost more than the parse
    public static void RecordPaths(FindingsBuilder b, FindingsBuilder.Syscall call, ProcessState state, ReadOnlySpan<byte> args, StraceResult result, ReadOnlySpan<byte> evidence)
    {
        Span<char> path = stackalloc char[2 * PathResolver.MaxPath + 1];
        foreach (var arg in call.Effect.Paths)
        {
            var quoted = StraceArgs.Nth(args, arg.Path);
            // An absolute path resolves the same whatever the process's state: resolved once, then found by its text.
            var absolute = quoted.Length > 1 && quoted[0] == (byte)'"' && quoted[1] == (byte)'/';
            var known = absolute ? b.AbsolutePaths.Find(quoted) : null;
            scoped ReadOnlySpan<char> resolved;
            if (known is not null)
            {
                resolved = known.Path;
            }
            else
            {
                var length = PathResolver.Resolve(quoted, args, arg, state, path);
                if (length <= 0) continue;
                resolved = path[..length];
                if (absolute) known = b.AbsolutePaths.Add(quoted, resolved);
            }
            var access = arg.Access;
            var opensFd = false;
            if (access == PathAccess.ByOpenFlags)
            {
                var flags = StraceArgs.Nth(args, arg.Flags);
                if (StraceArgs.HasFlag(flags, "O_CREAT"u8)) b[FindingKind.PathCreated].Add(resolved, evidence);
                access = StraceArgs.HasFlag(flags, "O_WRONLY"u8) || StraceArgs.HasFlag(flags, "O_RDWR"u8) || StraceArgs.HasFlag(flags, "O_CREAT"u8)
                    || StraceArgs.HasFlag(flags, "O_TRUNC"u8) || StraceArgs.HasFlag(flags, "O_APPEND"u8) ? PathAccess.Write : PathAccess.Read;
                opensFd = result.Succeeded;
            }
            else if (access == PathAccess.Create && call.Name == "creat")
            {
                opensFd = result.Succeeded;
            }
            var kind = access switch { PathAccess.Read => FindingKind.PathRead, PathAccess.Write => FindingKind.PathWritten, _ => FindingKind.PathCreated };
            var tally = b[kind];
            var entry = known?.Entries[kind - FindingKind.PathRead] ?? tally.Intern(resolved);
            if (known is not null) known.Entries[kind - FindingKind.PathRead] = entry;
            tally.Bump(entry, evidence);
            if (opensFd) state.Fds[(int)result.Value] = entry.Key; // the tally's string: no new one per open
        }
    }

    /// <summary>An executed file, and (first time only) its chain of ELF loader / #! interpreters.</summary>
    public static void RecordExecuted(FindingsBuilder b, string path, ReadOnlySpan<byte> evidence)
    {
        var tally = b[FindingKind.ExecutedFile];
        var entry = tally.Intern(path);
        var first = entry.Count == 0;
        tally.Bump(entry, evidence);
        if (!first || b.InterpreterOf is not { } interpreterOf) return;
        var current = path;
        for (var depth = 0; depth < 4 && interpreterOf(current) is { } interpreter && interpreter != current; depth++)
        {
            b[FindingKind.Interpreter].Add(interpreter, evidence);
            current = interpreter;
        }
    }

    [System.Runtime.CompilerServices.SkipLocalsInit] // the buffer is written before it is read; zeroing it cost more than the parse
    private static string? Resolve(ReadOnlySpan<byte> args, PathArgument arg, ProcessState state)
    {
        Span<char> path = stackalloc char[2 * PathResolver.MaxPath + 1];
        var length = PathResolver.Resolve(args, arg, state, path);
        return length > 0 ? path[..length].ToString() : null;
    }

    private static void Mapping(FindingsBuilder b, string call, ProcessState state, ReadOnlySpan<byte> prot, ReadOnlySpan<byte> fdArg, StraceResult result, ReadOnlySpan<byte> evidence)
    {
        if (!StraceArgs.HasFlag(prot, "PROT_EXEC"u8)) return;
        var writable = StraceArgs.HasFlag(prot, "PROT_WRITE"u8);
        if (writable || call == "mprotect") b[FindingKind.WriteExecute].Add(writable ? $"{call} PROT_WRITE|PROT_EXEC" : $"{call} PROT_EXEC", evidence);
        if (fdArg.IsEmpty || !result.Succeeded) return;
        var decorated = StraceArgs.DecoratedPath(fdArg);
        if (!decorated.IsEmpty) b[FindingKind.ExecMappedFile].Add(Encoding.UTF8.GetString(decorated), evidence);
        else if (StraceArgs.TryInteger(fdArg, out var fd) && fd >= 0 && state.Fds.TryGetValue((int)fd, out var file) && file.StartsWith('/'))
            b[FindingKind.ExecMappedFile].Add(file, evidence);
    }

    private static void Namespace(FindingsBuilder b, ReadOnlySpan<byte> args, ReadOnlySpan<byte> evidence)
    {
        if (args.IndexOf("CLONE_NEW"u8) < 0) return;
        foreach (var ns in Namespaces)
            if (StraceArgs.HasFlag(args, Encoding.ASCII.GetBytes(ns))) b[FindingKind.Namespace].Add(ns, evidence);
    }
}
