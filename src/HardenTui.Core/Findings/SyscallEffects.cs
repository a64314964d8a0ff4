using System.Collections.Frozen;
using System.Text.Json;

namespace HardenTui.Core.Findings;

internal enum PathAccess { Read, Write, Create, ByOpenFlags }

internal sealed record PathArgument(int Path, int DirFd, PathAccess Access, int Flags);

/// <summary>What one syscall implies, from the embedded table syscall-effects.json (read once).</summary>
internal sealed record SyscallEffect(PathArgument[] Paths, string? Capability, FindingKind? Kind)
{
    public static readonly SyscallEffect None = new([], null, null);
}

internal static class SyscallEffects
{
    private static readonly Lazy<FrozenDictionary<string, SyscallEffect>> Table = new(Load);

    public static SyscallEffect Of(string syscall) => Table.Value.GetValueOrDefault(syscall, SyscallEffect.None);

    private static FrozenDictionary<string, SyscallEffect> Load()
    {
        using var stream = typeof(SyscallEffects).Assembly.GetManifestResourceStream("syscall-effects.json")
            ?? throw new InvalidOperationException("syscall-effects.json is not embedded");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var paths = root.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(ReadPath).ToArray());
        var caps = root.GetProperty("capabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var kinds = root.GetProperty("kinds").EnumerateObject().ToDictionary(p => p.Name, p => Enum.Parse<FindingKind>(p.Value.GetString()!));
        return paths.Keys.Concat(caps.Keys).Concat(kinds.Keys).Distinct().ToFrozenDictionary(name => name, name => new SyscallEffect(
            paths.GetValueOrDefault(name, []), caps.GetValueOrDefault(name), kinds.TryGetValue(name, out var k) ? k : null));
    }

    private static PathArgument ReadPath(JsonElement e)
    {
        int Int(string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : -1;
        var access = e.TryGetProperty("access", out var a)
            ? a.GetString() switch { "read" => PathAccess.Read, "write" => PathAccess.Write, "create" => PathAccess.Create, var x => throw new InvalidOperationException($"access {x}") }
            : PathAccess.ByOpenFlags;
        return new PathArgument(Int("path"), Int("dirfd"), access, Int("flags"));
    }
}
