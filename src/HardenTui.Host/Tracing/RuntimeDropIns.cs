// The tracers' runtime drop-ins (/run/systemd/system/UNIT.d/, gone at reboot): written with our marker line,
// applied by a restart that must leave the unit running, removed with the unit put back as it was (restarted if
// it ran, stopped if it did not). A crashed run's leftovers are found by file name + marker and removed.
using HardenTui.Core.Tracing;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

internal sealed class RuntimeDropIns(ISystemd systemd, IProcessRunner runner)
{
    public static readonly string[] FileNames = [StraceDropIn.FileName, SystemCallLogTracer.FileName];

    public static string PathOf(string unit, string fileName) => $"/run/systemd/system/{unit}.d/{fileName}";

    /// <summary>Writes the drop-in and restarts the unit under it; on failure puts everything back and throws.</summary>
    public async Task<Func<CancellationToken, Task>> ApplyAsync(string unit, string fileName, string text, bool wasActive, TimeSpan timeout, CancellationToken ct)
    {
        var path = PathOf(unit, fileName);
        var w = await runner.RunAsync(new ProcessSpec("sh", ["-c", "mkdir -p \"${1%/*}\" && cat > \"$1\"", "sh", path], Stdin: text), ct);
        if (!w.Ok) throw new SystemdException($"cannot write {path}: {w.Stderr.Trim()}");

        // Stopped while the drop-in is still loaded, so a wrapped ExecStop= runs under the tracer too; then started
        // again (if it ran) with its own configuration.
        async Task Restore(CancellationToken token)
        {
            try
            {
                await systemd.StopAsync(unit, timeout, token);
            }
            finally
            {
                await runner.RunAsync(new ProcessSpec("sh", ["-c", "rm -f \"$1\"; rmdir \"${1%/*}\" 2>/dev/null; true", "sh", path]), token);
                await systemd.DaemonReloadAsync(token);
            }
            if (wasActive) await systemd.StartAsync(unit, timeout, token);
        }

        try
        {
            await systemd.DaemonReloadAsync(ct);
            await systemd.RestartAsync(unit, timeout, ct);
            await Task.Delay(300, ct);
            var now = await systemd.GetPropertiesAsync(unit, ct);
            if (now.String("ActiveState") is "failed" || now.String("SubState") is "auto-restart" or "failed")
                throw new SystemdException($"{unit} did not start with {fileName} (Result={now.String("Result")}); see journalctl -u {unit}");
        }
        catch
        {
            await Restore(CancellationToken.None);
            throw;
        }
        return Restore;
    }

    /// <summary>Drop-ins and trace directories a crashed run of ours left behind; returns how many drop-ins went.</summary>
    public async Task<int> RemoveLeftoversAsync(CancellationToken ct)
    {
        var r = await runner.RunAsync(new ProcessSpec("sh", ["-c", """
            n=0
            for f in /run/systemd/system/*.d/"$1" /run/systemd/system/*.d/"$2"; do
              if [ -f "$f" ] && grep -qF "$3" "$f"; then rm -f "$f"; rmdir "${f%/*}" 2>/dev/null; n=$((n+1)); fi
            done
            rm -rf "$4"; echo $n
            """, "sh", FileNames[0], FileNames[1], StraceDropIn.Marker, StraceWrapperTracer.TraceRoot]), ct);
        var removed = int.TryParse(r.Stdout.Trim(), out var n) ? n : 0;
        if (removed > 0) await systemd.DaemonReloadAsync(ct);
        return removed;
    }
}
