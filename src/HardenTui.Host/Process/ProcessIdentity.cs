using System.Globalization;

namespace HardenTui.Host.Process;

/// <summary>
/// A pid plus its start time (field 22 of /proc/PID/stat), so that a recorded process is never confused with a
/// later one that reused its pid.
/// </summary>
public readonly record struct ProcessIdentity(int Pid, ulong StartTime)
{
    public static ProcessIdentity? Of(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return new ProcessIdentity(pid, ulong.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public static ProcessIdentity Current => Of(Environment.ProcessId)!.Value;

    public bool IsAlive => Of(Pid) == this;

    public override string ToString() => $"{Pid} {StartTime}";

    public static ProcessIdentity? Parse(string? text)
    {
        var parts = (text ?? "").Trim().Split(' ');
        return parts.Length == 2 && int.TryParse(parts[0], out var pid) && ulong.TryParse(parts[1], out var start)
            ? new ProcessIdentity(pid, start)
            : null;
    }

    /// <summary>Direct children of a process, from /proc/PID/task/*/children.</summary>
    public static IReadOnlyList<int> ChildrenOf(int pid)
    {
        var result = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            foreach (var word in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (int.TryParse(word, out var child)) result.Add(child);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return result;
    }
}
