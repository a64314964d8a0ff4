namespace HardenTui.Core.Tracing;

/// <summary>
/// One audit event of `ausearch -i` output (its records share "msg=audit(time:serial)"): the SYSCALL record's
/// fields (syscall, success, pid, ppid, exe) and the PATH records' names by item (item=0 is the file executed,
/// item=1 a #! script's interpreter).
/// </summary>
public sealed record AusearchEvent(string Id, string? Syscall, bool Success, int Pid, int Ppid, string? Exe, IReadOnlyDictionary<int, string> Paths);
