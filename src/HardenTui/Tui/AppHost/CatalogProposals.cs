using HardenTui.Core.Directives;
using HardenTui.Core.Exposure;
using HardenTui.Core.Wizard;

namespace HardenTui.Tui.AppHost;

/// <summary>
/// Proposals without a trace: every catalog directive with a safe value whose exposure row is not yet set, off by
/// default (nothing speaks for or against it), with the exposure it would save measured by a preview.
/// </summary>
internal static class CatalogProposals
{
    public static IReadOnlyList<LevelStep> For(SecurityInfo current, ExposureReport report)
    {
        var unset = report.Rows.Where(r => r.Set == false).Select(r => r.Directive).ToHashSet(StringComparer.Ordinal);
        var catalog = DirectiveCatalog.Load();
        return Enum.GetValues<HardeningLevel>()
            .Select(level => new LevelStep(DomainViews.LevelName(level), catalog.All
                .Where(d => d.Level == level && !string.IsNullOrEmpty(d.SafeValue) && unset.Contains(d.Name))
                .Select(d => Toggle(d, current, report))
                .ToList()))
            .ToList();
    }

    private static DirectiveToggle Toggle(Directive d, SecurityInfo current, ExposureReport report)
    {
        var after = ExposureScorer.Preview(current, $"[Service]\n{d.Name}={d.SafeValue}\n");
        var isList = d.Kind.EndsWith("list", StringComparison.Ordinal) || d.Kind == "paths";
        return new DirectiveToggle(d.Name, d.SafeValue!, false, isList, d.Explanation, [], report.Exposure - after.Exposure);
    }
}
