using HardenTui.Core.Wizard;

namespace HardenTui.Tui.AppHost;

/// <summary>Runs the wizard's commands against the machine; results go back through <c>post</c> as messages.</summary>
internal interface IWizardEffects
{
    Task RunAsync(Cmd cmd, Action<Msg> post, CancellationToken ct);

    /// <summary>Opens the drop-in in $EDITOR (the terminal is handed over meanwhile) and returns the lines saved.</summary>
    IReadOnlyList<string> Edit(string unit, string dropIn);

    /// <summary>A shell in the unit's sandbox with the drop-in (the terminal is handed over meanwhile); back as <see cref="Msg.ShellReturned"/>.</summary>
    Msg Shell(string unit, string dropIn);
}
