using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>
/// Levels: live exposure before and after on top; steps with counts on the left; the directives of the step with
/// toggles and values; the highlighted directive's explanation, evidence and exposure delta on the right.
/// </summary>
internal static class LevelsView
{
    public static List<string> Render(WizardModel m, Glyphs g, int height, Hits hits)
    {
        var l = m.Levels;
        var before = m.Unit?.Exposure;
        var after = l.ExposureAfter is { } a ? ExposureStyle.Label(a, g) : $"[dim]{g.Ellipsis}[/]";
        var top = $"Exposure {ExposureStyle.Label(before, g)} {ExposureStyle.Gauge(before, 10, g)}  {g.Arrow}  {after} {ExposureStyle.Gauge(l.ExposureAfter, 10, g)}   [dim]{l.Chosen.Count()} directives chosen[/]";
        if (l.Steps.Count == 0)
            return [top, $"[dim]building proposals{g.Ellipsis}[/]"];
        var stepsW = 26;
        var rows = height - 2;
        var left = Steps(l, stepsW, g);
        var lines = new List<string> { top, "" };
        var steps = l.Focus == LevelsFocus.Steps ? new List<Msg>() : [new Msg.SwitchFocus()];
        var directives = l.Focus == LevelsFocus.Directives ? new List<Msg>() : [new Msg.SwitchFocus()];
        for (var i = 0; i < l.Steps.Count && i + 1 < rows; i++)
            hits.Row(lines.Count + 1 + i, [.. steps, new Msg.Select(i)], toX: stepsW);
        hits.Wheel = n => new Msg.Move(n);
        if (m.Width >= WideFrom)
        {
            var listW = Math.Max(30, (m.Width - stepsW) / 2);
            var detailW = m.Width - stepsW - listW - 2;
            var middle = Directives(l, listW, rows, g, out var first);
            DirectiveHits(hits, l, lines.Count + 1, first, rows - 1, stepsW + 1, directives);
            var right = Detail(l.CurrentDirective, detailW, g);
            for (var i = 0; i < rows; i++)
                lines.Add($"{Pad(left, i, stepsW)} {Pad(middle, i, listW)} {(i < right.Count ? right[i] : "")}");
        }
        else
        {
            // Narrow: the detail goes under the list, so both get the full width beside the steps.
            var restW = m.Width - stepsW - 1;
            var listRows = Math.Min((l.CurrentStep?.Directives.Count ?? 0) + 1, Math.Max(left.Count, rows / 2));
            var stack = Directives(l, restW, listRows, g, out var first);
            DirectiveHits(hits, l, lines.Count + 1, first, listRows - 1, stepsW + 1, directives);
            while (stack.Count < listRows) stack.Add(new string(' ', restW));
            stack.Add($"[dim]{string.Concat(Enumerable.Repeat(g.Rule, restW))}[/]");
            stack.AddRange(Detail(l.CurrentDirective, restW, g));
            for (var i = 0; i < rows; i++)
                lines.Add($"{Pad(left, i, stepsW)} {(i < stack.Count ? stack[i] : "")}");
        }
        return lines;
    }

    /// <summary>
    /// A click on a directive highlights it (focusing the list), on its box also toggles it; a double click opens
    /// its value as enter does (only list values open: the key table says why not).
    /// </summary>
    private static void DirectiveHits(Hits hits, LevelsState l, int top, int first, int rows, int x, List<Msg> focus)
    {
        var count = l.CurrentStep?.Directives.Count ?? 0;
        for (var i = first; i < Math.Min(count, first + rows); i++)
        {
            var y = top + i - first;
            hits.Row(y, [.. focus, new Msg.Select(i)], [.. focus, new Msg.Select(i), Hits.Key("enter")], fromX: x);
            hits.Row(y, [.. focus, new Msg.Select(i), Hits.Key("space")], fromX: x, toX: x + 3);
        }
    }

    /// <summary>From this width the detail stands beside the list; below it, under the list.</summary>
    private const int WideFrom = 110;

    private static string Pad(List<string> column, int i, int width) => i < column.Count ? column[i] : new string(' ', width);

    private static List<string> Steps(LevelsState l, int width, Glyphs g)
    {
        var focus = l.Focus == LevelsFocus.Steps;
        var lines = new List<string> { Cells.Cell("levels", width, g, focus ? "bold underline" : "bold") };
        for (var i = 0; i < l.Steps.Count; i++)
        {
            var s = l.Steps[i];
            var current = i == WizardUpdate.Clamp(l.Step, l.Steps.Count);
            var label = $"{i + 1} {s.Name}";
            var count = $"{s.OnCount}/{s.Directives.Count}";
            var style = current ? (focus ? "bold reverse" : "bold") : null;
            lines.Add($"{(current ? g.Pointer : " ")}{Cells.Cell(label, width - 6, g, style)}{Cells.Cell(count, 5, g, "dim", right: true)}");
        }
        return lines;
    }

    private static List<string> Directives(LevelsState l, int width, int rows, Glyphs g, out int start)
    {
        var step = l.CurrentStep!;
        var focus = l.Focus == LevelsFocus.Directives;
        var lines = new List<string> { Cells.Cell(step.Name, width, g, focus ? "bold underline" : "bold") };
        var selected = WizardUpdate.Clamp(l.Directive, step.Directives.Count);
        start = Cells.WindowStart(selected, step.Directives.Count, rows - 1);
        for (var i = start; i < Math.Min(step.Directives.Count, start + rows - 1); i++)
        {
            var d = step.Directives[i];
            var box = d.On ? $"[green][[{g.Set}]][/]" : "[dim][[ ]][/]";
            var delta = d.ExposureDelta != 0 ? $"{-d.ExposureDelta:+0.0;-0.0}" : "";
            var style = i == selected && focus ? "reverse" : d.On ? null : "dim";
            lines.Add($"{box} {Cells.Cell(d.Line, width - 10, g, style)}{Cells.Cell(delta, 6, g, "green", right: true)}");
        }
        return lines;
    }

    private static List<string> Detail(DirectiveToggle? d, int width, Glyphs g)
    {
        if (d is null || width < 10)
            return [];
        var lines = new List<string> { Cells.Cell(d.Name, width, g, "bold") };
        lines.AddRange(Wrap(d.Explanation, width).Select(x => Cells.Cell(x, width, g)));
        lines.Add("");
        lines.Add(Cells.Cell(d.ExposureDelta == 0 ? "no change to the exposure" : $"exposure {-d.ExposureDelta:+0.0;-0.0}", width, g, "green"));
        lines.Add("");
        var yourCall = d.Explanation.EndsWith("(your call)", StringComparison.Ordinal);
        lines.Add(Cells.Cell(d.Evidence.Count > 0 ? "evidence" : yourCall ? "your call: a trace cannot decide this" : "no trace evidence", width, g, "bold"));
        // Indented evidence lines are the members of the list named by the line above them.
        foreach (var e in d.Evidence)
        {
            if (e.StartsWith("  ", StringComparison.Ordinal))
            {
                lines.Add(Cells.Cell("  " + e.Trim(), width, g, "dim"));
                continue;
            }
            var wrapped = Wrap(e, width - 2).ToList();
            lines.AddRange(wrapped.Select((x, i) => Cells.Cell($"{(i == 0 ? g.New : " ")} {x}", width, g, "dim")));
        }
        if (d.IsList)
        {
            lines.Add("");
            lines.Add(Cells.Cell("value (enter edits it)", width, g, "bold"));
            lines.AddRange(Wrap(d.Value.Length == 0 ? "(empty)" : d.Value, width).Select(x => Cells.Cell(x, width, g)));
        }
        return lines;
    }

    internal static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = "";
            }
            line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0)
            yield return line;
    }
}
