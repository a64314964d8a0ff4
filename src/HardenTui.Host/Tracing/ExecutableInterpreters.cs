using HardenTui.Core.Findings;

namespace HardenTui.Host.Tracing;

/// <summary>
/// Reads the ELF loader or #! interpreter of executed files, under a root directory (/ on this machine, the
/// sandbox's root directory for a sandboxed service). Unreadable files have no interpreter.
/// </summary>
public sealed class ExecutableInterpreters(string root = "/")
{
    public string? Of(string path)
    {
        try
        {
            using var file = File.OpenRead(Path.Join(root, path));
            var head = new byte[ExecutableHeader.BytesNeeded];
            var n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return ExecutableHeader.Interpreter(head.AsSpan(0, n));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
