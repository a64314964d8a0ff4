using HardenTui.Core;
using HardenTui.Core.Overrides;

namespace HardenTui.Host.Overrides;

/// <summary>
/// Reads and writes HardenTui's own drop-in (/etc/systemd/system/UNIT.d/90-hardentui.conf under the root).
/// Every change is tracked in a journal operation first, the previous version is copied to
/// /var/lib/hardentui/backups/UNIT/, and a file at our path that we did not write is never overwritten.
/// </summary>
public sealed class DropInStore(string root, TimeProvider clock)
{
    private const int BackupsKept = 10;

    public string Root { get; } = root;

    public string RelativePath(string unit) => DropInPaths.PersistentFile(unit);

    public string FullPath(string unit) => SafeFile.Resolve(Root, RelativePath(unit));

    public string? Read(string unit) => SafeFile.ReadOrNull(FullPath(unit));

    public void Write(string unit, string text, JournalOperation operation)
    {
        var path = operation.Track(RelativePath(unit));
        Backup(unit, path);
        var made = !Directory.Exists(Path.GetDirectoryName(path));
        SafeFile.WriteAtomic(path, text);
        if (made) SafeFile.MarkCreated(Path.GetDirectoryName(path)!);
    }

    /// <summary>Removes our drop-in (after backing it up); returns false when there was none.</summary>
    public bool Remove(string unit, JournalOperation operation)
    {
        var path = operation.Track(RelativePath(unit));
        if (!File.Exists(path)) return false;
        Backup(unit, path);
        SafeFile.DeleteDurably(path);
        return true;
    }

    /// <summary>Removes UNIT.service.d/ when we created it (it holds our marker) and nothing but the marker is left in it.</summary>
    public void RemoveDirectoryIfOurs(string unit) => SafeFile.RemoveDirectoryIfOurs(SafeFile.Resolve(Root, DropInPaths.PersistentDirectory(unit)));

    public IReadOnlyList<string> Backups(string unit)
    {
        var dir = SafeFile.Resolve(Root, DropInPaths.BackupDirectory(unit));
        return Directory.Exists(dir) ? Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToList() : [];
    }

    private void Backup(string unit, string path)
    {
        var previous = SafeFile.ReadOrNull(path);
        if (previous is null) return;
        if (!DropIn.IsOurs(previous))
            throw new BadInputException($"{path} exists and was not written by HardenTui; refusing to replace it");
        var dir = SafeFile.Resolve(Root, DropInPaths.BackupDirectory(unit));
        SafeFile.WriteAtomic(Path.Combine(dir, $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{DropInPaths.FileName}"), previous);
        foreach (var old in Backups(unit).SkipLast(BackupsKept)) File.Delete(old);
    }
}
