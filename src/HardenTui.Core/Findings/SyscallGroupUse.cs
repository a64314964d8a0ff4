namespace HardenTui.Core.Findings;

/// <summary>A systemd syscall group (@file-system) and the observed syscalls that belong to it.</summary>
public sealed record SyscallGroupUse(string Group, IReadOnlyList<string> Syscalls);
