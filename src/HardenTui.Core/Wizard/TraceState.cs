namespace HardenTui.Core.Wizard;

/// <summary>The trace screen: method choice, probe command, and the live run.</summary>
public sealed record TraceState(
    IReadOnlyList<TraceMethodView> Methods,
    int Method,
    string Probe,
    bool EditingProbe,
    int Seconds,
    bool Running,
    double Elapsed,
    FindingsView Findings,
    bool Finished)
{
    public static readonly TraceState Initial = new([], 0, "", false, 30, false, 0, FindingsView.Empty, false);

    public TraceMethodView? Chosen => Methods.Count == 0 ? null : Methods[Math.Clamp(Method, 0, Methods.Count - 1)];
}
