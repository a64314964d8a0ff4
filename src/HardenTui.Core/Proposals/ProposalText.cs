using System.Text;

namespace HardenTui.Core.Proposals;

/// <summary>Proposals as text: the drop-in of those that are on, then the ones left off (and why) as comments.</summary>
public static class ProposalText
{
    public static string Write(string unit, IReadOnlyList<Proposal> proposals, DateTimeOffset when)
    {
        var text = new StringBuilder(Resolver.DropIn(unit, proposals).Render(when));
        var off = proposals.Where(p => !p.DefaultOn).ToList();
        if (off.Count == 0) return text.ToString();
        text.Append("\n# Left off:\n");
        foreach (var p in off)
        {
            text.Append("#   ").Append(string.Join(' ', p.Lines.Select(l => l.Line))).Append(p.YourCall ? "  [your call]" : "").Append('\n');
            text.Append("#     ").Append(p.Reason).Append('\n');
            foreach (var e in p.Evidence) text.Append("#     seen: ").Append(e.ReplaceLineEndings(" ")).Append('\n');
        }
        return text.ToString();
    }
}
