namespace HardenTui.Tui.Views;

/// <summary>
/// The views' small markup: <c>[bold green]text[/]</c>, nestable, with <c>[[</c> and <c>]]</c> for literal brackets.
/// Screens are written as lines of it; <see cref="Parse"/> turns a line into runs of one style each, which
/// <see cref="LineView"/> draws with the theme's attribute for that style.
/// </summary>
internal static class Markup
{
    public static string Escape(string text) => text.Replace("[", "[[").Replace("]", "]]");

    /// <summary>Runs of text, each with the styles in force (outermost first, joined by spaces).</summary>
    public static List<(string Style, string Text)> Parse(string line)
    {
        var runs = new List<(string, string)>();
        var styles = new List<string>();
        var text = new System.Text.StringBuilder();
        void Flush()
        {
            if (text.Length > 0)
                runs.Add((string.Join(' ', styles), text.ToString()));
            text.Clear();
        }
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if ((c == '[' || c == ']') && i + 1 < line.Length && line[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }
            if (c != '[')
            {
                text.Append(c);
                continue;
            }
            var end = line.IndexOf(']', i + 1);
            if (end < 0)
            {
                text.Append(line, i, line.Length - i);
                break;
            }
            Flush();
            var tag = line[(i + 1)..end];
            if (tag == "/")
            {
                if (styles.Count > 0)
                    styles.RemoveAt(styles.Count - 1);
            }
            else
            {
                styles.Add(tag);
            }
            i = end;
        }
        Flush();
        return runs;
    }

    /// <summary>The text of a markup line without its styles.</summary>
    public static string Plain(string line) => string.Concat(Parse(line).Select(r => r.Text));
}
