namespace HardenTui.Core.Wizard;

/// <summary>The service list, its filter and the highlighted row (an index into <see cref="Visible"/>).</summary>
public sealed record PickerState(IReadOnlyList<ServiceRow> Services, string Filter, bool Filtering, int Selected, bool Loading)
{
    public static readonly PickerState Initial = new([], "", false, 0, true);

    /// <summary>Services matching the filter, worst exposure first, unscored ones last, then by name.</summary>
    public IReadOnlyList<ServiceRow> Visible =>
        Services
            .Where(s => Filter.Length == 0 || s.Unit.Contains(Filter, StringComparison.OrdinalIgnoreCase)
                        || s.Description.Contains(Filter, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(s => s.Exposure ?? -1)
            .ThenBy(s => s.Unit, StringComparer.Ordinal)
            .ToList();

    public ServiceRow? Current => Visible.Count == 0 ? null : Visible[Math.Clamp(Selected, 0, Visible.Count - 1)];
}
