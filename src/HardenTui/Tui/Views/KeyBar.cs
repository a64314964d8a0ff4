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
        foreach (var b in KeyTables.Layers(m).SelectMany(l => l.Bindings).Where(b => b.InBar))
        {
            var key = b.Keys[0] == Binding.AnyCharacter ? "text" : b.Keys[0];
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
