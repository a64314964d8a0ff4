using HardenTui.Host.Systemd;

namespace HardenTui.Host.Tracing;

/// <summary>
/// What a trace exercises besides the start: a reload where the unit can reload, so ExecReload='s needs (mosquitto's
/// `/bin/kill -HUP $MAINPID` needs CAP_KILL) are in the findings. ExecStop= is traced by the stop that ends a trace.
/// </summary>
public static class UnitExercise
{
    /// <summary>A reload job where CanReload (as `systemctl reload UNIT`); a line for the user saying what happened, or null when it cannot reload.</summary>
    public static async Task<string?> ReloadAsync(ISystemd systemd, string unit, CancellationToken ct)
    {
        if ((await systemd.GetPropertiesAsync(unit, ct)).Bool("CanReload") != true) return null;
        try
        {
            await systemd.ReloadAsync(unit, TimeSpan.FromSeconds(60), ct);
            return $"reloaded {unit} during the trace (ExecReload= is in the findings)";
        }
        catch (SystemdException e)
        {
            return $"reloading {unit} failed during the trace: {e.Message}";
        }
    }
}
