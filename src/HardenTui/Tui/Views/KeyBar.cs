using HardenTui.Core.Wizard;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HardenTui.Tui.Views;

/// <summary>The bottom line: the keys that work here, read from the same tables that dispatch them; disabled ones dimmed.</summary>
internal static class KeyBar
{
    public static IRenderable Render(WizardModel m, Glyphs g)
    {
        var parts = new List<string>();
        var used = 0;
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
            var plainLength = key.Length + 1 + b.Help.Length + 2;
            if (used + plainLength > m.Width)
                break;
            used += plainLength;
            var enabled = b.WhyDisabled(m) is null;
            parts.Add(enabled
                ? $"[bold reverse] {Markup.Escape(key)} [/]{Markup.Escape(b.Help)}"
                : $"[dim] {Markup.Escape(key)} {Markup.Escape(b.Help)}[/]");
        }
        return new Markup(string.Join(" ", parts));
    }
}
