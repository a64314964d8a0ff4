using Terminal.Gui.Configuration;

namespace HardenTui.Tui.Gui;

/// <summary>
/// Terminal.Gui's configuration (its library defaults, ~/.tui, ./.tui and TUI_CONFIG: themes, schemes, glyphs, the
/// views' settings and key bindings) reaches its static settings through <c>ApplyToStaticFacades</c>, which
/// Terminal.Gui 2.5 calls from its module initializer. NativeAOT runs every module initializer before <c>Main</c>,
/// whatever the command: that initializer was 61 % of `hardentui --version`. The native build replaces its body with
/// an empty one (<c>TerminalGui.Substitutions.xml</c> beside this file, an ILC substitution), and the wizard applies
/// the same configuration here before each application comes up, so it sees what the initializer would have
/// published. Under the JIT (tests, the ReadyToRun fallback) the initializer has run already and this binds the same
/// cached configuration again. <c>TerminalGuiConfigurationTests</c> checks that the initializer still does nothing
/// else, that the substitution names it, and that a new wizard application gets the configuration applied.
/// </summary>
internal static class TerminalGuiConfiguration
{
    public static void Apply()
    {
        try
        {
            TuiConfigurationBuilder.Shared.ApplyToStaticFacades();
        }
        catch (Exception e) // as the initializer does: bad configuration is reported at shutdown, defaults are used
        {
            TuiJsonErrors.Add($"Applying configuration failed: {e.Message}. Running with default settings.");
        }
    }
}
