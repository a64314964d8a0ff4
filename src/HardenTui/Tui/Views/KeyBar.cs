using HardenTui.Core.Wizard;

namespace HardenTui.Tui.Views;

/// <summary>
/// The bottom line: the keys that work here, read from the same tables that dispatch them; disabled ones dimmed.
/// Each entry is clickable: a click sends its key.
/// </summary>
internal static class KeyBar
{
    public static string Render(WizardModel m, Glyphs g, int row, Hits hits)
    {
        var entries = new List<(string Key, string Sends, Binding Binding)>();
        var bindings = KeyTables.Layers(m).SelectMany(l => l.Bindings).Where(b => b.InBar).ToList();
        for (var i = 0; i < bindings.Count; i++)
        {
            var b = bindings[i];
            var key = b.Keys[0] == Binding.AnyCharacter ? "text" : b.Keys[0];
            var sends = b.Keys[0];
            // "up k"/"down j" pairs show as one entry: arrows, letters, and what they move.
            if (i + 1 < bindings.Count && b.Keys.SequenceEqual(["up", "k"]) && bindings[i + 1].Keys.SequenceEqual(["down", "j"]))
            {
                key = $"{g.UpDown} jk";
                sends = "down";
                b = b with { Help = b.Help.Replace(" up", "") };
                i++;
            }
            entries.Add((key, sends, b));
        }
        // Too many for the width: the last screen keys give way, "? help" (which lists them all) stays.
        while (entries.Sum(e => Cells.Width(e.Key) + 1 + e.Binding.Help.Length + 2) > m.Width && entries.Count > 1)
            entries.RemoveAt(entries.FindLastIndex(e => e.Key != "?") is var last and >= 0 ? last : 0);
        var parts = new List<string>();
        var x = 0;
        foreach (var (key, sends, b) in entries)
        {
            var width = Cells.Width(key) + 2 + b.Help.Length;
            if (sends != Binding.AnyCharacter)
                hits.Row(row, [Hits.Key(sends)], fromX: x, toX: x + width);
            parts.Add(b.WhyDisabled(m) is null
                ? $"[bold reverse] {Markup.Escape(key)} [/]{Markup.Escape(b.Help)}"
                : $"[dim] {Markup.Escape(key)} {Markup.Escape(b.Help)}[/]");
            x += width + 1;
        }
        return string.Join(" ", parts);
    }
}
