using System.Text;

namespace HardenTui.Core;

/// <summary>
/// Text from the user (file names, unit names, values) made safe to print on one terminal line: control characters,
/// line and paragraph separators and bidi overrides are shown escaped (\r, \n, \t, \x1b, \u202e), never sent raw,
/// so a message is always one line and cannot move the cursor, change colours or reorder what follows it.
/// </summary>
public static class Printable
{
    public static string OneLine(string text)
    {
        if (!text.Any(NeedsEscape)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c)) { sb.Append(c); continue; }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < '\u0100' => $"\\x{(int)c:x2}",
                _ => $"\\u{(int)c:x4}",
            });
        }
        return sb.ToString();
    }

    public static bool NeedsEscape(char c) =>
        c is < ' ' or '\u007f' or >= '\u0080' and <= '\u009f' or '\u2028' or '\u2029' or >= '\u200e' and <= '\u200f'
            or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';
}
