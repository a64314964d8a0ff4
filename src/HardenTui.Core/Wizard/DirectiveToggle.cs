namespace HardenTui.Core.Wizard;

/// <summary>
/// One proposed directive in the levels screen: its value (list values are space-separated and editable), whether
/// it goes into the drop-in, why, the evidence from the trace, and how much it lowers the exposure.
/// <see cref="GoesWith"/> names the directive a companion line belongs to (ExecPaths= goes with NoExecPaths=):
/// toggling that directive toggles its companions too.
/// </summary>
public sealed record DirectiveToggle(
    string Name,
    string Value,
    bool On,
    bool IsList,
    string Explanation,
    IReadOnlyList<string> Evidence,
    double ExposureDelta,
    string? GoesWith = null)
{
    public string Line => $"{Name}={Value}";
}
