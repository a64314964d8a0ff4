namespace HardenTui.Core;

/// <summary>
/// Bad input from the user (unit names, unit files, logs, YAML, flags). The CLI reports the message as one
/// line and exits with code 2; it is never shown as a stack trace. The message is made one printable line here
/// (<see cref="Printable.OneLine"/>), so whatever the user's input held is shown escaped, never raw.
/// </summary>
public sealed class BadInputException(string message) : Exception(Printable.OneLine(message));
