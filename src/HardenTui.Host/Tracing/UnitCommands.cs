using HardenTui.Core.Units;
using HardenTui.Core.Tracing;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

/// <summary>A unit's Exec*= commands from its properties: the ...Ex variants (with prefix flags) where systemd has them.</summary>
internal static class UnitCommands
{
    public static IReadOnlyDictionary<string, IReadOnlyList<ExecCommand>> Of(UnitProperties p) =>
        StraceDropIn.Settings.ToDictionary(s => s, s => Read(p, s));

    private static IReadOnlyList<ExecCommand> Read(UnitProperties p, string setting) =>
        p.Commands(setting + "Ex") ?? p.Commands(setting) ?? [];
}
