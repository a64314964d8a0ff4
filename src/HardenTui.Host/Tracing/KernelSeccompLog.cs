// SECCOMP audit records (type=1326) of one service, read from the kernel log (dmesg) and the journal. In a
// container or the nspawn sandbox they only reach dmesg (the journal has no kernel/audit transport there), on a
// normal host usually both: dmesg records are taken after the audit serial seen at start; journal records are
// used only while dmesg has none of ours, so one record is never counted twice.
using System.Text;
using System.Text.RegularExpressions;
using HardenTui.Core.Findings;
using HardenTui.Core.Tracing;
using HardenTui.Host.Process;

namespace HardenTui.Host.Tracing;

internal sealed partial class KernelSeccompLog(IProcessRunner runner, Func<SeccompRecord, bool> belongs, long afterSerial, long sinceUnixSeconds) : ITraceSource
{
    private long _lastSerial = afterSerial;
    private bool _dmesgHasOurs;
    private readonly HashSet<string> _journalSeen = [];

    [GeneratedRegex(@"audit\(\d+\.\d+:(\d+)\)")]
    private static partial Regex Serial();

    public static long SerialOf(string line) => Serial().Match(line) is { Success: true } m ? long.Parse(m.Groups[1].Value) : -1;

    /// <summary>The newest audit serial in the kernel log now (records after it belong to a new trace).</summary>
    public static async Task<long> LastSerialAsync(IProcessRunner runner, CancellationToken ct)
    {
        var r = await runner.RunAsync(new ProcessSpec("sh", ["-c", "dmesg | grep -F 'type=1326' | tail -n 1"]), ct);
        return SerialOf(r.Stdout);
    }

    public async Task<bool> PollAsync(Action<string> onLine, CancellationToken ct)
    {
        var any = false;
        var kernel = await runner.RunAsync(new ProcessSpec("sh", ["-c", "dmesg | grep -F 'type=1326' || true"]), ct);
        foreach (var line in kernel.Stdout.Split('\n'))
        {
            var serial = SerialOf(line);
            if (serial <= _lastSerial) continue;
            _lastSerial = serial;
            if (SeccompRecord.TryParse(line) is not { } record || !belongs(record)) continue;
            _dmesgHasOurs = any = true;
            onLine(line);
        }
        if (_dmesgHasOurs) return any;
        var journal = await runner.RunAsync(new ProcessSpec("sh", ["-c",
            "journalctl -q --no-pager -o cat --since=\"@$1\" _TRANSPORT=audit _TRANSPORT=kernel 2>/dev/null | grep -F SECCOMP || true", "sh", sinceUnixSeconds.ToString()]), ct);
        foreach (var line in journal.Stdout.Split('\n'))
        {
            if (SeccompRecord.TryParse(line) is not { } record || !belongs(record) || !_journalSeen.Add(line)) continue;
            any = true;
            onLine(line);
        }
        return any;
    }

    public async Task DrainAsync(Action<string> onLine, CancellationToken ct)
    {
        while (await PollAsync(onLine, ct)) { }
    }

    public void Feed(FindingsBuilder builder, string line)
    {
        if (SeccompRecord.TryParse(line) is { } r) builder.AcceptCall(r.Syscall ?? $"syscall_{r.SyscallNumber}", Encoding.UTF8.GetBytes(line));
    }
}
