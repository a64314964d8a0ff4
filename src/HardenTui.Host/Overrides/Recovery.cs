using HardenTui.Core;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Overrides;

/// <summary>
/// Run at every start of hardentui (CLI and TUI): an operation left in the journal by a process that no longer
/// exists was interrupted (kill -9, power loss). Its files are put back as they were, systemd reloads, and the
/// unit is restarted if it was running before (stopped otherwise), so a half-applied drop-in or a tracer's
/// runtime drop-in never outlives the hardentui that wrote it.
/// </summary>
public sealed class Recovery(OperationJournal journal, ISystemd systemd)
{
    private static readonly TimeSpan UnitTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Operations whose owner is gone (readable without root, to say a recovery is pending).</summary>
    public static IReadOnlyList<JournalRecord> Stale(OperationJournal journal)
    {
        try { return journal.Pending().Where(r => r.Owner is not { IsAlive: true }).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    public async Task<IReadOnlyList<JournalRecord>> RunAsync(CancellationToken ct = default)
    {
        var stale = Stale(journal).ToList();
        if (stale.Count == 0) return [];
        foreach (var record in stale) Restore(record);
        await systemd.DaemonReloadAsync(ct);
        foreach (var record in stale)
        {
            try
            {
                if (record.UnitWasActive) await systemd.RestartAsync(record.Unit, UnitTimeout, ct);
                else await systemd.StopAsync(record.Unit, UnitTimeout, ct);
            }
            catch (SystemdException)
            {
                // The files are back; a unit that will not start with its own configuration is not ours to fix.
            }
            journal.Delete(record);
            if (record.Kind == "trace") RemoveTraceDirectory(record.Unit);
        }
        return stale;
    }

    /// <summary>The strace output directory of an interrupted trace (/run/hardentui-trace/UNIT/), and its parent once empty.</summary>
    private void RemoveTraceDirectory(string unit)
    {
        try
        {
            var dir = SafeFile.Resolve(journal.Root, $"run/hardentui-trace/{Core.Units.UnitName.Parse(unit).Value}");
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); // Resolve refused symlinks; Delete does not follow links inside
            var parent = Path.GetDirectoryName(dir)!;
            if (Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any()) Directory.Delete(parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadInputException) { }
    }

    /// <summary>Puts every snapshot of one record back, last-touched first.</summary>
    public void Restore(JournalRecord record)
    {
        foreach (var file in record.Files.Reverse())
        {
            var path = SafeFile.Resolve(journal.Root, file.Path);
            if (file.Content is null)
            {
                SafeFile.DeleteDurably(path);
                SafeFile.RemoveDirectoryIfOurs(Path.GetDirectoryName(path)!);
            }
            else if (SafeFile.ReadOrNull(path) != file.Content) SafeFile.WriteAtomic(path, file.Content);
        }
    }
}
