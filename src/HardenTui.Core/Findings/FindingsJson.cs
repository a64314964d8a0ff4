using System.Text.Json;

namespace HardenTui.Core.Findings;

/// <summary>
/// Findings as JSON: "syscalls" maps each syscall to the number of calls started; "syscallGroups" maps each
/// @group to the observed syscalls in it; every other kind is a list of {key, count, evidence}.
/// </summary>
public static class FindingsJson
{
    public static string Write(Findings findings)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("stats");
            w.WriteNumber("lines", findings.Stats.Lines);
            w.WriteNumber("callsStarted", findings.Stats.CallsStarted);
            w.WriteNumber("garbageLines", findings.Stats.GarbageLines);
            w.WriteNumber("processes", findings.Stats.Processes);
            w.WriteEndObject();
            w.WriteStartObject("syscalls");
            foreach (var item in findings.Syscalls) w.WriteNumber(item.Key, item.Count);
            w.WriteEndObject();
            w.WriteStartObject("syscallGroups");
            foreach (var group in findings.SyscallGroups)
            {
                w.WriteStartArray(group.Group);
                foreach (var s in group.Syscalls) w.WriteStringValue(s);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            foreach (var kind in Enum.GetValues<FindingKind>().Where(k => k != FindingKind.Syscall))
            {
                w.WriteStartArray(JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()));
                foreach (var item in findings[kind])
                {
                    w.WriteStartObject();
                    w.WriteString("key", item.Key);
                    w.WriteNumber("count", item.Count);
                    w.WriteStartArray("evidence");
                    foreach (var line in item.Evidence) w.WriteStringValue(line);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
