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
        };
        lines.AddRange(Overridden(m.Overridden, width, g));
        lines.Add("");
        var choices = Choices.Select((c, i) =>
        {
            var disabled = i != 1 && !m.IsRoot;
            var style = i == m.ReviewChoice ? "bold reverse" : disabled ? "dim" : null;
            return $" {(i == m.ReviewChoice ? g.Pointer : " ")} {Cells.Cell(c + (disabled ? " (needs root)" : ""), 48, g, style)}";
        }).ToList();
        var diff = m.ReviewLines;
        var room = height - lines.Count - choices.Count - 1;
        var top = lines.Count;
        var start = Math.Clamp(m.Scroll, 0, Math.Max(0, diff.Count - room + 1));
        foreach (var d in diff.Skip(start).Take(room))
        {
            var style = d.Kind switch { '+' => "green", '-' => "red", '!' => "yellow", _ => "dim" };
            lines.Add(Cells.Cell($"{d.Kind} {d.Text}", width, g, style));
        }
        var below = diff.Count - start - room;
        if (below > 0)
            lines[^1] = Cells.Cell($"  {g.Ellipsis} {below + 1} more lines (pgdn scrolls)", width, g, "dim");
        else if (start > 0)
            lines[top] = Cells.Cell($"  {g.Ellipsis} {start + 1} lines above (pgup scrolls)", width, g, "dim");
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

    /// <summary>The most overrides shown one by one; more are named on one line.</summary>
    private const int OverridesShown = 3;

    /// <summary>
    /// A line (wrapped) per chosen directive a drop-in read after ours overrides, resets or extends, naming the file
    /// and line: the exposure above already leaves out what will not take effect.
    /// </summary>
    private static IEnumerable<string> Overridden(IReadOnlyList<Core.Overrides.DropInOverride> found, int width, Glyphs g)
    {
        foreach (var o in found.Take(found.Count > OverridesShown ? OverridesShown - 1 : OverridesShown))
        {
            var wrapped = LevelsView.Wrap(o.Text, width - 2).ToList();
            for (var i = 0; i < wrapped.Count; i++)
                yield return $"{(i == 0 ? (o.OursInForce ? "  " : $"[yellow bold]{g.Unset}[/] ") : "  ")}{Cells.Cell(wrapped[i], width - 2, g, o.OursInForce ? "dim" : "yellow")}";
        }
        if (found.Count > OverridesShown)
            yield return $"[yellow bold]{g.Unset}[/] " + Cells.Cell($"and {found.Count - OverridesShown + 1} more by later drop-ins: " +
                string.Join(" ", found.Skip(OverridesShown - 1).Select(o => o.Directive + "=")), width - 2, g, "yellow");
    }
}
