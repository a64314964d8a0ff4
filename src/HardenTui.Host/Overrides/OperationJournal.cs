using System.Globalization;
using System.Text.Json;
using HardenTui.Host.Process;

namespace HardenTui.Host.Overrides;

/// <summary>
/// The crash journal (/var/lib/hardentui/journal/ID.json under the root). An operation is recorded before it
/// touches anything, and every file it is about to change is snapshotted first; the record is deleted when the
/// operation ends cleanly. A record whose owner process is gone means hardentui was killed mid-way:
/// <see cref="Recovery"/> puts the snapshots back.
/// </summary>
public sealed class OperationJournal(string root, TimeProvider clock)
{
    public string Root { get; } = root;

    public string Directory => SafeFile.Resolve(Root, Core.Overrides.DropInPaths.JournalDirectory);

    public JournalOperation Begin(string kind, string unit, bool unitWasActive)
    {
        var owner = ProcessIdentity.Current;
        var record = new JournalRecord(
            $"{clock.GetUtcNow():yyyyMMddTHHmmss}-{kind}-{Guid.NewGuid():N}", kind, Core.Units.UnitName.Parse(unit).Value,
            owner.Pid, owner.StartTime.ToString(CultureInfo.InvariantCulture), unitWasActive, clock.GetUtcNow(), []);
        var operation = new JournalOperation(this, record);
        Save(record);
        return operation;
    }

    public IReadOnlyList<JournalRecord> Pending()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var records = new List<JournalRecord>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                if (JsonSerializer.Deserialize(File.ReadAllText(file), JournalJson.Default.JournalRecord) is { } r) records.Add(r);
            }
            catch (JsonException)
            {
                // A torn record cannot exist (records are written atomically); anything else is not ours.
            }
        }
        return records;
    }

    internal void Save(JournalRecord record) =>
        SafeFile.WriteAtomic(Path.Combine(Directory, record.Id + ".json"), JsonSerializer.Serialize(record, JournalJson.Default.JournalRecord));

    internal void Delete(JournalRecord record) => SafeFile.DeleteDurably(Path.Combine(Directory, record.Id + ".json"));
}
