namespace HardenTui.Core.Wizard;

/// <summary>The drop-in text for the chosen directives, as the review screen shows it and the apply step writes it.</summary>
public static class DropInDraft
{
    public static string Render(string unit, IEnumerable<DirectiveToggle> chosen)
    {
        var lines = new List<string> { $"# Written by HardenTui for {unit}.", "[Service]" };
        lines.AddRange(chosen.Select(d => d.Line));
        return string.Join('\n', lines) + "\n";
    }
}
