namespace HardenTui.Core.Wizard;

/// <summary>One bar of the live syscall histogram.</summary>
public sealed record SyscallCount(string Name, long Count, bool IsNew);
