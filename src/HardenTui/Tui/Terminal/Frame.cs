using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HardenTui.Tui.Terminal;

/// <summary>
/// One screenful: any renderable laid out at exactly Width x Height cells. <see cref="Rows"/> hold each row as
/// escape sequences plus text (trailing plain blanks dropped, the renderer clears them with EL);
/// <see cref="Text"/> is the same frame without styles, for approval tests.
/// </summary>
internal sealed class Frame
{
    public int Width { get; }
    public int Height { get; }
    public IReadOnlyList<string> Rows { get; }
    public IReadOnlyList<string> PlainRows { get; }

    private Frame(int width, int height, IReadOnlyList<string> rows, IReadOnlyList<string> plainRows)
    {
        Width = width;
        Height = height;
        Rows = rows;
        PlainRows = plainRows;
    }

    public string Text => string.Join('\n', PlainRows.Select(r => r.TrimEnd()));

    public static Frame Render(IRenderable renderable, int width, int height, TerminalTraits traits)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.TrueColor,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(TextWriter.Null),
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            EnvironmentVariables = new Dictionary<string, string>(),
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        console.Profile.Capabilities.Unicode = traits.Unicode;
        var lines = Segment.SplitLines(BreakLines(renderable.GetSegments(console)), width, height);
        var rows = new string[height];
        var plain = new string[height];
        for (var y = 0; y < height; y++)
        {
            var line = y < lines.Count ? lines[y] : new SegmentLine();
            (rows[y], plain[y]) = Encode(line, width, traits.Color);
        }
        return new Frame(width, height, rows, plain);
    }

    /// <summary>Spectre joins rows with "\n" inside text segments; make every one a real line break.</summary>
    private static IEnumerable<Segment> BreakLines(IEnumerable<Segment> segments)
    {
        foreach (var s in segments)
        {
            if (s.IsLineBreak || s.IsControlCode || !s.Text.Contains('\n'))
            {
                yield return s;
                continue;
            }
            var parts = s.Text.Split('\n');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                    yield return Segment.LineBreak;
                if (parts[i].Length > 0)
                    yield return new Segment(parts[i], s.Style);
            }
        }
    }

    private static (string Row, string Plain) Encode(SegmentLine line, int width, bool color)
    {
        var runs = new List<(string Sgr, string Text)>();
        var cells = 0;
        foreach (var segment in line)
        {
            if (segment.IsControlCode || segment.IsLineBreak || cells >= width)
                continue;
            var text = segment.Text;
            if (cells + segment.CellCount() > width)
                text = Segment.Truncate(segment, width - cells)?.Text ?? "";
            cells += new Segment(text).CellCount();
            runs.Add((SgrEncoder.Encode(segment.Style, color), text));
        }
        var plain = string.Concat(runs.Select(r => r.Text)).PadRight(width);
        // Trailing blanks without a style are left to EL (erase to end of line): fewer bytes per row.
        while (runs.Count > 0 && runs[^1].Sgr.Length == 0 && runs[^1].Text.TrimEnd().Length < runs[^1].Text.Length)
        {
            var trimmed = runs[^1].Text.TrimEnd();
            if (trimmed.Length > 0)
            {
                runs[^1] = ("", trimmed);
                break;
            }
            runs.RemoveAt(runs.Count - 1);
        }
        var row = new StringBuilder();
        var current = "";
        foreach (var (sgr, text) in runs)
        {
            if (sgr != current)
            {
                row.Append(current.Length > 0 ? "\u001b[0m" : "").Append(sgr);
                current = sgr;
            }
            row.Append(text);
        }
        if (current.Length > 0)
            row.Append("\u001b[0m");
        return (row.ToString(), plain);
    }
}
