namespace HardenTui.Core.Wizard;

/// <summary>A dialog over the screen; it takes every key first.</summary>
public abstract record Modal
{
    public sealed record Help : Modal;

    /// <summary>Quit needs a yes because of <see cref="Reason"/> (unapplied changes, a running trace).</summary>
    public sealed record ConfirmQuit(string Reason) : Modal;

    /// <summary>Editing the value of a list directive; <see cref="Buffer"/> is the text being typed.</summary>
    public sealed record EditValue(string Directive, string Buffer) : Modal;

    /// <summary>The effective unit text, as `systemctl cat` shows it, scrolled by <see cref="Offset"/> lines.</summary>
    public sealed record EffectiveUnit(int Offset) : Modal;
}
