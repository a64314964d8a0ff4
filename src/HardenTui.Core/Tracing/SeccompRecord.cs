using HardenTui.Core.Syscalls;

namespace HardenTui.Core.Tracing;

/// <summary>
/// A kernel SECCOMP audit record (type=1326), as dmesg prints it ("audit: type=1326 audit(...): ... pid=1 comm="x"
/// exe="/usr/bin/x" sig=0 arch=c000003e syscall=41 ... code=0x7ffc0000") or the journal does ("audit[1]: SECCOMP
/// ..."). Code 0x7ffc0000 is SECCOMP_RET_LOG (what SystemCallLog= produces); 0x80000000 a kill; 0x5xxxx an errno.
/// </summary>
public sealed record SeccompRecord(int Pid, string Comm, string Exe, string Arch, int SyscallNumber, string? Syscall, string Code)
{
    /// <summary>SECCOMP_RET_LOG (include/uapi/linux/seccomp.h): the call was allowed and logged.</summary>
    public bool Logged => Code.Equals("0x7ffc0000", StringComparison.OrdinalIgnoreCase);

    public static SeccompRecord? TryParse(string line)
    {
        if (!line.Contains("type=1326") && !line.Contains("SECCOMP ")) return null;
        string? Field(string name)
        {
            var at = line.IndexOf(" " + name + "=", StringComparison.Ordinal);
            if (at < 0) return null;
            var start = at + name.Length + 2;
            if (start < line.Length && line[start] == '"')
            {
                var close = line.IndexOf('"', start + 1);
                return close < 0 ? null : line[(start + 1)..close];
            }
            var end = line.IndexOf(' ', start);
            return end < 0 ? line[start..] : line[start..end];
        }
        if (!int.TryParse(Field("syscall"), out var number) || Field("arch") is not { } arch) return null;
        _ = int.TryParse(Field("pid"), out var pid);
        return new SeccompRecord(pid, Field("comm") ?? "", Field("exe") ?? "", arch, number,
            SyscallTable.ForAuditArch(arch)?.Name(number), Field("code") ?? "");
    }
}
