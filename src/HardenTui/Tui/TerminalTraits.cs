namespace HardenTui.Tui;

/// <summary>
/// What the terminal can do, from the environment: NO_COLOR (https://no-color.org), a UTF-8 locale
/// (LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them) and TERM=dumb.
/// </summary>
internal sealed record TerminalTraits(bool Color, bool Unicode, bool Dumb)
{
    public static TerminalTraits FromEnvironment(Func<string, string?> env)
    {
        var noColor = !string.IsNullOrEmpty(env("NO_COLOR"));
        var locale = new[] { "LC_ALL", "LC_CTYPE", "LANG" }.Select(env).FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";
        var unicode = locale.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || locale.Contains("utf8", StringComparison.OrdinalIgnoreCase);
        var term = env("TERM") ?? "";
        return new TerminalTraits(!noColor, unicode, term == "dumb");
    }

    public static TerminalTraits Current => FromEnvironment(Environment.GetEnvironmentVariable);
}
