using System.Globalization;
using System.Text.Json.Serialization;
using HardenTui.Host.Process;

namespace HardenTui.Host.Overrides;

/// <summary>
/// One operation in progress (a trace or an apply), as stored in the crash journal: who owns it, which unit,
/// whether the unit was running, and the content every touched file had before (null = the file did not exist).
/// </summary>
public sealed record JournalRecord(
    string Id,
    string Kind,
    string Unit,
    int OwnerPid,
    string OwnerStartTime,
    bool UnitWasActive,
    DateTimeOffset Started,
    IReadOnlyList<FileSnapshot> Files)
{
    /// <summary>The owning process (pid + start time, so a reused pid is not mistaken for it); null if unreadable.</summary>
    [JsonIgnore]
    public ProcessIdentity? Owner =>
        ulong.TryParse(OwnerStartTime, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? new ProcessIdentity(OwnerPid, start) : null;
}

/// <summary>A file's content before the operation touched it; <c>Path</c> is relative to the root.</summary>
public sealed record FileSnapshot(string Path, string? Content);
