namespace HardenTui.Core.Wizard;

/// <summary>What the overview needs to know about the opened unit; <see cref="Denials"/> it met since our drop-in was written.</summary>
public sealed record UnitView(
    string Unit,
    string Description,
    string Type,
    string User,
    string ActiveState,
    double? Exposure,
    string Predicate,
    IReadOnlyList<ExposureRowView> Rows,
    string EffectiveText,
    bool HasDropIn,
    IReadOnlyList<DenialView>? Denials = null)
{
    /// <summary>The first denial whose evidence supports a relax (what `r` on the overview applies).</summary>
    public DenialView? Relaxable => Denials?.FirstOrDefault(d => d.Relax is not null);
}
