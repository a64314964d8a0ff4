using HardenTui.Core.Wizard;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HardenTui.Tui.Views;

/// <summary>The bottom line: the keys that work here, read from the same tables that dispatch them; disabled ones dimmed.</summary>
internal static class KeyBar
{
    public static IRenderable Render(WizardModel m, Glyphs g)
    {
        var entries = new List<(string Key, Binding Binding)>();
        var bindings = KeyTables.Layers(m).SelectMany(l => l.Bindings).Where(b => b.InBar).ToList();
        for (var i = 0; i < bindings.Count; i++)
        {
            var b = bindings[i];
            var key = b.Keys[0] == Binding.AnyCharacter ? "text" : b.Keys[0];
            // "up k"/"down j" pairs show as one entry: arrows, letters, and what they move.
            if (i + 1 < bindings.Count && b.Keys.SequenceEqual(["up", "k"]) && bindings[i + 1].Keys.SequenceEqual(["down", "j"]))
            {
                key = $"{g.UpDown} jk";
                b = b with { Help = b.Help.Replace(" up", "") };
                i++;
            }
            entries.Add((key, b));
        }
        // Too many for the width: the last screen keys give way, "? help" (which lists them all) stays.
        while (entries.Sum(e => e.Key.Length + 1 + e.Binding.Help.Length + 2) > m.Width && entries.Count > 1)
            entries.RemoveAt(entries.FindLastIndex(e => e.Key != "?") is var last and >= 0 ? last : 0);
        var parts = entries.Select(e => e.Binding.WhyDisabled(m) is null
            ? $"[bold reverse] {Markup.Escape(e.Key)} [/]{Markup.Escape(e.Binding.Help)}"
            : $"[dim] {Markup.Escape(e.Key)} {Markup.Escape(e.Binding.Help)}[/]");
        return new Markup(string.Join(" ", parts));
    }
}
