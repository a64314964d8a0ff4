namespace HardenTui.Host.Overrides;

/// <summary>
/// A running operation's handle: <see cref="Track"/> each file before changing it (the snapshot reaches the disk
/// first), <see cref="Complete"/> when done. Disposing without completing leaves the record for recovery.
/// </summary>
public sealed class JournalOperation
{
    private readonly OperationJournal _journal;
    private JournalRecord _record;

    internal JournalOperation(OperationJournal journal, JournalRecord record)
    {
        _journal = journal;
        _record = record;
    }

    public JournalRecord Record => _record;
    public bool Completed { get; private set; }

    /// <summary>Snapshots a root-relative file (once) and returns its full path, checked for symlinks.</summary>
    public string Track(string relativePath)
    {
        var full = SafeFile.Resolve(_journal.Root, relativePath);
        if (_record.Files.Any(f => f.Path == relativePath)) return full;
        _record = _record with { Files = [.. _record.Files, new FileSnapshot(relativePath, SafeFile.ReadOrNull(full))] };
        _journal.Save(_record);
        return full;
    }

    /// <summary>For the tracer: a runtime drop-in (/run/systemd/system/UNIT.d/NAME) it is about to create.</summary>
    public string TrackRuntimeDropIn(string fileName) => Track(Core.Overrides.DropInPaths.RuntimeFile(_record.Unit, fileName));

    public void Complete()
    {
        _journal.Delete(_record);
        Completed = true;
    }
}
