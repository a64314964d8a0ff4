using System.Text;

namespace HardenTui.Core.Overrides;

/// <summary>
/// A unified line diff (the `diff -u` format, three lines of context) between two texts. Unit files are a few
/// hundred lines at most, so a longest-common-subsequence table is simple and fast enough.
/// </summary>
public static class LineDiff
{
    private const int Context = 3;

    public static string Unified(string before, string after, string beforeName, string afterName)
    {
        var a = SplitLines(before);
        var b = SplitLines(after);
        var ops = Script(a, b);
        if (ops.All(o => o.Kind == ' ')) return "";
        var text = new StringBuilder().Append("--- ").Append(beforeName).Append('\n').Append("+++ ").Append(afterName).Append('\n');
        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == ' ') { i++; continue; }
            var start = Math.Max(0, i - Context);
            var end = i;
            // Extend the hunk while the next change is within 2×Context unchanged lines.
            while (end < ops.Count)
            {
                if (ops[end].Kind != ' ') { end++; continue; }
                var run = end;
                while (run < ops.Count && ops[run].Kind == ' ') run++;
                if (run == ops.Count || run - end > 2 * Context) { end = Math.Min(ops.Count, end + Context); break; }
                end = run;
            }
            AppendHunk(text, ops, start, end);
            i = end;
        }
        return text.ToString();
    }

    private static void AppendHunk(StringBuilder text, List<Op> ops, int start, int end)
    {
        var hunk = ops.GetRange(start, end - start);
        var oldCount = hunk.Count(o => o.Kind != '+');
        var newCount = hunk.Count(o => o.Kind != '-');
        var oldStart = ops.Take(start).Count(o => o.Kind != '+') + (oldCount > 0 ? 1 : 0);
        var newStart = ops.Take(start).Count(o => o.Kind != '-') + (newCount > 0 ? 1 : 0);
        text.Append($"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
        foreach (var o in hunk) text.Append(o.Kind).Append(o.Line).Append('\n');
    }

    private static string[] SplitLines(string text)
    {
        var t = text.Replace("\r\n", "\n");
        if (t.EndsWith('\n')) t = t[..^1];
        return t.Length == 0 ? [] : t.Split('\n');
    }

    private static List<Op> Script(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var ops = new List<Op>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { ops.Add(new Op(' ', a[x])); x++; y++; }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) ops.Add(new Op('-', a[x++]));
            else ops.Add(new Op('+', b[y++]));
        }
        return ops;
    }

    private readonly record struct Op(char Kind, string Line);
}
