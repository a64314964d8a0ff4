// Reproduces systemd-analyze security's numbers (analyze-security.c assess(), 252.39): every applicable row adds
// ceil(badness·weight/range) to the badness sum and its weight to the weight sum; the exposure is
// ceil(sum·100/weight_sum) tenths. A row's own EXPOSURE cell is ceil(ceil(badness·weight·100/range)/weight_sum).
using HardenTui.Core.Directives;
using HardenTui.Core.Overrides;
using HardenTui.Core.Units;

namespace HardenTui.Core.Exposure;

public static class ExposureScorer
{
    public static ExposureReport Score(SecurityInfo info)
    {
        var table = Assessor.All;
        var catalog = DirectiveCatalog.Load();
        var assessments = new Assessment[table.Count];
        long badnessSum = 0, weightSum = 0;
        for (var i = 0; i < table.Count; i++)
        {
            var row = table[i];
            assessments[i] = row.DefaultDependenciesOnly && !info.DefaultDependencies
                ? new Assessment(null, "Service runs in special boot phase, option is not appropriate")
                : Assessment.Of(row, info);
            if (assessments[i].Badness is not { } badness) continue;
            badnessSum += CeilDiv((long)badness * row.Weight, row.Range);
            weightSum += row.Weight;
        }
        var rows = new ExposureRow[table.Count];
        for (var i = 0; i < table.Count; i++)
        {
            var (row, a) = (table[i], assessments[i]);
            bool? set = a.Badness switch { null => null, 0 => true, _ => false };
            var description = a.Description ?? (a.Badness switch
            {
                null => row.Na,
                0 => row.Good,
                var b when b == row.Range => row.Bad,
                _ => null,
            });
            var exposure = a.Badness is { } b2 and > 0
                ? ExposureReport.Tenths((int)CeilDiv(CeilDiv((long)b2 * row.Weight * 100, row.Range), weightSum))
                : null;
            rows[i] = new ExposureRow(set, row.Id, row.JsonField, description, exposure, a.Badness, row.Weight, row.Range,
                row.Directive, catalog.Find(row.Directive)?.Level);
        }
        var total = weightSum == 0 ? 0 : (int)CeilDiv(badnessSum * 100, weightSum);
        return new ExposureReport(info.Id, ExposureRowOrder.Sort(rows), total);
    }

    /// <summary>
    /// The exposure the unit would have with <paramref name="dropInText"/> written as our drop-in, without touching
    /// the machine. Where the unit text is known (<see cref="SecurityInfo.UnitText"/>), the drop-ins systemd reads
    /// after ours are applied again after it for the settings it makes, so a directive a later file overrides gains
    /// nothing here either (<see cref="LaterDropIns"/>); else the drop-in counts as the last one. Malformed drop-in
    /// text throws BadInputException.
    /// </summary>
    public static ExposureReport Preview(SecurityInfo current, string dropInText)
    {
        var ours = UnitFile.Parse(dropInText, "drop-in").Assignments;
        var (hidden, later) = current.UnitText is { } cat
            ? LaterDropIns.After(EffectiveUnitText.Files(cat), "/" + DropInPaths.PersistentFile(current.Id), dropInText)
            : (null, []);
        if (hidden is not null) return Score(current);
        var keys = ours.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        var next = current.Clone();
        SecuritySettings.Unpatch(next);
        foreach (var assignment in ours.Concat(later.Where(a => keys.Contains(a.Key))))
            SecuritySettings.Apply(next, assignment.Section, assignment.Key, assignment.Value);
        SecuritySettings.Patch(next);
        return Score(next);
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
