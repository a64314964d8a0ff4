namespace HardenTui.Host.Overrides;

/// <summary>
/// Whether the process that owns a journal record is still alive. A pid alone can be reused, so the record
/// also keeps the process start time (field 22 of /proc/PID/stat, proc(5)).
/// </summary>
internal static class OwnerProcess
{
    public static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterComm = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return afterComm.Length > 19 ? afterComm[19] : null; // field 3 is afterComm[0], so field 22 is [19]
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public static bool IsAlive(int pid, string startTime) =>
        pid > 0 && StartTime(pid) is { } now && now == startTime;
}
