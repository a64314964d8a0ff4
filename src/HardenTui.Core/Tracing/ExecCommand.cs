namespace HardenTui.Core.Tracing;

/// <summary>
/// One Exec*= command of a unit as systemd holds it (ExecStartEx property): the program, its argv (argv[0]
/// included) and the prefix flags ("ignore-failure" for "-", "privileged" for "+", ...).
/// </summary>
public sealed record ExecCommand(string Path, IReadOnlyList<string> Argv, IReadOnlyList<string> Flags);
