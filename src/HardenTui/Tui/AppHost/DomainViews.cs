using HardenTui.Core.Units;
using System.Globalization;
using HardenTui.Core.Directives;
using HardenTui.Core.Exposure;
using HardenTui.Core.Overrides;
using HardenTui.Core.Wizard;
using HardenTui.Host.Systemd;

namespace HardenTui.Tui.AppHost;

/// <summary>Adapters from the domain's types to the wizard's display records.</summary>
internal static class DomainViews
{
    public static string LevelName(HardeningLevel? level) => level switch
    {
        HardeningLevel.ExecPaths => "exec paths",
        HardeningLevel.Syscalls => "syscalls",
        HardeningLevel.Capabilities => "capabilities",
        HardeningLevel.ProtectRestrict => "Protect*/Restrict*",
        HardeningLevel.Filesystem => "filesystem",
        HardeningLevel.Network => "network",
        HardeningLevel.Users => "users",
        _ => "other",
    };

    public static bool HasOurDropIn(UnitProperties p) => p.Strings("DropInPaths").Any(path => path.EndsWith("/" + DropInPaths.FileName, StringComparison.Ordinal));

    public static ServiceRow Service(UnitStatus status, ExposureReport? report, bool hasDropIn) =>
        new(status.Name, status.Description, status.ActiveState, report?.Exposure, report?.Predicate ?? "", hasDropIn);

    /// <summary>Rows that apply to this unit (N/A rows are left out), in level order.</summary>
    public static IReadOnlyList<ExposureRowView> Rows(ExposureReport report) =>
        report.Rows.Where(r => r.Set is not null)
            .OrderBy(r => r.Level ?? (HardeningLevel)int.MaxValue)
            .Select(r => new ExposureRowView(r.Name, r.Description ?? "", LevelName(r.Level), r.Set == true,
                r.Exposure is { } e ? double.Parse(e, CultureInfo.InvariantCulture) : 0))
            .ToList();

    public static UnitView Unit(UnitProperties p, ExposureReport report, string effectiveText) =>
        new(p.Unit, p.String("Description") ?? "", p.String("Type") ?? "", p.String("User") ?? "", p.String("ActiveState") ?? "",
            report.Exposure, report.Predicate, Rows(report), effectiveText, HasOurDropIn(p));

    public static DropIn DropIn(string unit, IEnumerable<DirectiveToggle> chosen) =>
        new(unit, chosen.Select(d => new DropInDirective(d.Name, d.Value,
            string.Join('\n', new[] { d.Explanation }.Concat(d.Evidence.Take(3).Select(e => "evidence: " + e))))).ToList());
}
