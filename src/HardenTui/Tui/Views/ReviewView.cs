using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>Review: the drop-in as a diff against the effective unit, exposure before/after, and what to do next.</summary>
internal static class ReviewView
{
    private static readonly string[] Choices = ["write the drop-in and restart", "go back to the levels", "open the drop-in in $EDITOR first"];

    public static List<string> Render(WizardModel m, Glyphs g, int height, Hits hits)
    {
        var unit = m.Unit?.Unit ?? "";
        var before = m.Unit?.Exposure;
        var width = m.Width - 1; // the scroll bar's column
        var lines = new List<string>
        {
            $"Exposure {ExposureStyle.Label(before, g)}  {g.Arrow}  {ExposureStyle.Label(m.Levels.ExposureAfter, g)}",
            Cells.Cell($"/{(unit.Length == 0 ? "" : Core.Overrides.DropInPaths.PersistentFile(unit))} against `systemctl cat {unit}`", width, g, "dim"),
            "",
        };
        var choices = Choices.Select((c, i) =>
        {
            var disabled = i != 1 && !m.IsRoot;
            var style = i == m.ReviewChoice ? "bold reverse" : disabled ? "dim" : null;
            return $" {(i == m.ReviewChoice ? g.Pointer : " ")} {Cells.Cell(c + (disabled ? " (needs root)" : ""), 48, g, style)}";
        }).ToList();
        var diff = ReviewDiff.Lines(m.Unit?.EffectiveText ?? "", m.Levels.Chosen);
        var room = height - lines.Count - choices.Count - 1;
        var top = lines.Count;
        var start = Math.Clamp(m.Scroll, 0, Math.Max(0, diff.Count - room + 1));
        foreach (var d in diff.Skip(start).Take(room))
        {
            var style = d.Kind switch { '+' => "green", '-' => "red", _ => "dim" };
            lines.Add(Cells.Cell($"{d.Kind} {d.Text}", width, g, style));
        }
        var below = diff.Count - start - room;
        if (below > 0)
            lines[^1] = Cells.Cell($"  {g.Ellipsis} {below + 1} more lines (pgdn scrolls)", width, g, "dim");
        else if (start > 0)
            lines[3] = Cells.Cell($"  {g.Ellipsis} {start + 1} lines above (pgup scrolls)", width, g, "dim");
        hits.Wheel = n => new Msg.ScrollBy(3 * n);
        hits.Scrolled(diff.Count, room, start, top, n => new Msg.ScrollBy(n));
        while (lines.Count < height - choices.Count)
            lines.Add("");
        for (var i = 0; i < choices.Count; i++)
        {
            hits.Row(lines.Count, [new Msg.Select(i)], [new Msg.Select(i), Hits.Key("enter")], toX: 52);
            lines.Add(choices[i]);
        }
        return lines;
    }
}
