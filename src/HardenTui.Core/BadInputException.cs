namespace HardenTui.Core;

/// <summary>
/// Bad input from the user (unit names, unit files, logs, YAML, flags). The CLI reports the message as one
/// line and exits with code 2; it is never shown as a stack trace.
/// </summary>
public sealed class BadInputException(string message) : Exception(message);
