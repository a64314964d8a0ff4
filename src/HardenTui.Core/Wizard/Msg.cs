namespace HardenTui.Core.Wizard;

/// <summary>
/// Everything that can change the model: keys and resizes from the terminal, results of commands from the host,
/// and the intents that key bindings stand for.
/// </summary>
public abstract record Msg
{
    // From the terminal.
    public sealed record Key(KeyPress Press) : Msg;
    public sealed record Resized(int Width, int Height) : Msg;

    // Results of commands.
    public sealed record ServicesLoaded(IReadOnlyList<ServiceRow> Services) : Msg;
    public sealed record UnitLoaded(UnitView Unit) : Msg;
    public sealed record Failed(string Message) : Msg;
    public sealed record MethodsFound(IReadOnlyList<TraceMethodView> Methods) : Msg;
    public sealed record TraceProgress(double Elapsed, FindingsView Findings) : Msg;
    public sealed record TraceFinished(FindingsView Findings) : Msg;
    public sealed record ProposalsReady(IReadOnlyList<LevelStep> Steps) : Msg;
    public sealed record ExposurePreviewed(double Exposure) : Msg;
    public sealed record ApplyProgress(IReadOnlyList<ApplyStepView> Steps) : Msg;
    public sealed record ApplyFinished(bool Ok, bool RolledBack) : Msg;

    /// <summary>The unit changed between the review's diff and the write (its text now); nothing was written.</summary>
    public sealed record UnitEditedSinceReview(string Unit, string EffectiveText) : Msg;
    public sealed record BisectProgress(int Tried, int Total) : Msg;
    public sealed record BisectFinished(string? Culprit) : Msg;
    public sealed record EditorReturned(IReadOnlyList<string> Lines) : Msg;
    /// <summary>A profile for the unit (null: none; <paramref name="Note"/> says why or which).</summary>
    public sealed record ProfileFound(ProfileSeed? Seed, string Note) : Msg;
    public sealed record ProfileSaved(string Path) : Msg;
    /// <summary>The opened unit's state changed (systemd's PropertiesChanged), e.g. during the apply's restart.</summary>
    public sealed record UnitChanged(Units.UnitLiveState State) : Msg;
    /// <summary>A service appeared, disappeared or changed state while the picker lists them.</summary>
    public sealed record ServiceChanged(Units.ServiceEvent Event) : Msg;
    /// <summary>One service (re)scored, e.g. one that appeared: added to the picker or replacing its row.</summary>
    public sealed record ServiceLoaded(ServiceRow Service) : Msg;

    // Intents, produced by key bindings.
    public sealed record Move(int Delta) : Msg;

    /// <summary>Highlights row <paramref name="Index"/> of the list in front (a mouse click on it).</summary>
    public sealed record Select(int Index) : Msg;
    public sealed record ScrollBy(int Delta) : Msg;
    public sealed record Open : Msg;
    public sealed record Back : Msg;
    public sealed record Toggle : Msg;
    public sealed record EditList : Msg;
    public sealed record SwitchFocus : Msg;
    public sealed record StartFilter : Msg;
    public sealed record EditProbe : Msg;
    public sealed record Type(char Char) : Msg;

    /// <summary>The whole text of the input being edited (filter, probe, list value), as a text field holds it.</summary>
    public sealed record SetText(string Text) : Msg;
    public sealed record Erase : Msg;
    public sealed record FinishInput : Msg;
    public sealed record CancelInput : Msg;
    public sealed record ShowHelp : Msg;
    public sealed record ShowEffective : Msg;

    /// <summary>Apply the overview's first relax (a new revision of the drop-in, restart-verified).</summary>
    public sealed record Relax : Msg;

    /// <summary>A relax ended: the unit as it is now, and what happened, for the status line.</summary>
    public sealed record Relaxed(UnitView Unit, string Status) : Msg;
    public sealed record CloseModal : Msg;
    public sealed record RequestQuit : Msg;
    public sealed record ConfirmQuit : Msg;
    public sealed record StartTrace : Msg;
    public sealed record StopTrace : Msg;
    public sealed record SkipTrace : Msg;
    public sealed record GoReview : Msg;
    public sealed record Write : Msg;
    public sealed record OpenEditor : Msg;
    public sealed record StartBisect : Msg;
    public sealed record StartFromProfile : Msg;
    public sealed record SaveAsProfile : Msg;
}
