namespace HardenTui.Core.Wizard;

/// <summary>
/// Side effects the update asks for. The host runs them off the loop and sends their results back as messages.
/// </summary>
public abstract record Cmd
{
    public sealed record LoadServices : Cmd;
    public sealed record LoadUnit(string Unit) : Cmd;

    /// <summary>Score one service for the picker (one that appeared since the list was loaded).</summary>
    public sealed record LoadService(string Unit) : Cmd;

    /// <summary>Add <paramref name="Line"/> to the unit's drop-in as a new revision and restart-verify it.</summary>
    public sealed record Relax(string Unit, string Line) : Cmd;
    public sealed record FindMethods(string Unit) : Cmd;
    public sealed record StartTrace(string Unit, string Method, string Probe, int Seconds) : Cmd;
    public sealed record StopTrace : Cmd;

    /// <summary>Proposals for the unit, from the last trace's findings when there was one.</summary>
    public sealed record BuildProposals(string Unit) : Cmd;

    public sealed record PreviewExposure(string Unit, string DropIn) : Cmd;
    /// <summary>Write and verify; <paramref name="Seen"/> is the unit text the review's diff was computed against (re-read before writing).</summary>
    public sealed record Apply(string Unit, IReadOnlyList<DirectiveToggle> Directives, string Probe, string? Seen = null) : Cmd;
    public sealed record Bisect(string Unit, IReadOnlyList<DirectiveToggle> Directives, string Probe) : Cmd;
    public sealed record OpenEditor(string Unit, string DropIn) : Cmd;

    /// <summary>The first shipped profile whose units match this one.</summary>
    public sealed record FindProfile(string Unit) : Cmd;

    /// <summary>The chosen directives written as a YAML profile (a new file; the path comes back).</summary>
    public sealed record SaveProfile(string Unit, IReadOnlyList<DirectiveToggle> Directives, string Probe) : Cmd;

    /// <summary>Stop whatever still runs (a trace is stopped and its unit restored), then leave.</summary>
    public sealed record Quit : Cmd;

    public sealed record Batch(IReadOnlyList<Cmd> Commands) : Cmd;
}
