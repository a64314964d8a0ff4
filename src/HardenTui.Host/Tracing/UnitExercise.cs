using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

/// <summary>
/// What a trace exercises besides the start: a reload where the unit can reload, so ExecReload='s needs (mosquitto's
/// `/bin/kill -HUP $MAINPID` needs CAP_KILL) are in the findings. ExecStop= is traced by the stop that ends a trace.
/// </summary>
public static class UnitExercise
{
    /// <summary>`systemctl reload UNIT` where CanReload; a line for the user saying what happened, or null when it cannot reload.</summary>
    public static async Task<string?> ReloadAsync(ISystemd systemd, IProcessRunner runner, string unit, CancellationToken ct)
    {
        if ((await systemd.GetPropertiesAsync(unit, ct)).Bool("CanReload") != true) return null;
        var r = await runner.RunAsync(new ProcessSpec("systemctl", ["reload", unit], Timeout: TimeSpan.FromSeconds(60)), ct);
        return r.Ok ? $"reloaded {unit} during the trace (ExecReload= is in the findings)"
            : $"`systemctl reload {unit}` failed during the trace (exit {r.ExitCode}): {r.Stderr.Trim()}";
    }
}
