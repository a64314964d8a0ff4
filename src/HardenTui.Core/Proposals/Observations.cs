using System.Text.Json;
using HardenTui.Core.Findings;

namespace HardenTui.Core.Proposals;

/// <summary>
/// What a trace showed, as the resolver reads it: per finding kind ("pathWritten", "socketFamily", …, the
/// camelCase names of the findings JSON) the keys seen, with a count and the first evidence line. Read from
/// the findings JSON (`hardentui findings --json`), so a saved trace can be proposed from again.
/// </summary>
public sealed class Observations
{
    private readonly Dictionary<string, Dictionary<string, ObservedItem>> _byKind;

    public Observations(bool traced, IEnumerable<(string Kind, ObservedItem Item)> items)
    {
        Traced = traced;
        _byKind = new(StringComparer.Ordinal);
        foreach (var (kind, item) in items)
        {
            if (!_byKind.TryGetValue(kind, out var keys)) _byKind[kind] = keys = new(StringComparer.Ordinal);
            keys[item.Key] = item;
        }
    }

    /// <summary>No trace: only directives that tracing cannot refute anyway are proposed on.</summary>
    public static Observations None { get; } = new(false, []);

    public bool Traced { get; }

    public IReadOnlyCollection<ObservedItem> Of(string kind) =>
        _byKind.TryGetValue(kind, out var keys) ? keys.Values : [];

    public bool Any(string kind) => Of(kind).Count > 0;
    public bool Has(string kind, string key) => _byKind.TryGetValue(kind, out var keys) && keys.ContainsKey(key);

    public IEnumerable<ObservedItem> Where(string kind, Func<string, bool> key) => Of(kind).Where(i => key(i.Key));

    /// <summary>From a trace's findings: each kind under its camelCase name, groups as "group@name".</summary>
    public static Observations FromFindings(Findings.Findings findings)
    {
        var items = Enum.GetValues<FindingKind>()
            .SelectMany(kind => findings[kind].Select(i => (JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()),
                new ObservedItem(i.Key, i.Count, i.Evidence.FirstOrDefault() ?? ""))))
            .Concat(findings.SyscallGroups.SelectMany(g => g.Syscalls.Select(s => ($"group{g.Group}", new ObservedItem(s, 1, $"{s} is in {g.Group}")))));
        return new Observations(true, items);
    }

    public static Observations FromFindingsJson(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var items = new List<(string, ObservedItem)>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "syscalls")
                    foreach (var s in property.Value.EnumerateObject())
                        items.Add(("syscall", new ObservedItem(s.Name, s.Value.GetInt64(), $"{s.Name}() called {s.Value.GetInt64()} times")));
                else if (property.Name == "syscallGroups")
                    foreach (var g in property.Value.EnumerateObject())
                        foreach (var s in g.Value.EnumerateArray())
                            items.Add(($"group{g.Name}", new ObservedItem(s.GetString()!, 1, $"{s.GetString()} is in {g.Name}")));
                else if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object))
                    foreach (var e in property.Value.EnumerateArray())
                    {
                        var evidence = e.TryGetProperty("evidence", out var ev) && ev.GetArrayLength() > 0 ? ev[0].GetString() ?? "" : "";
                        items.Add((property.Name, new ObservedItem(e.GetProperty("key").GetString()!, e.GetProperty("count").GetInt64(), evidence)));
                    }
            }
            return new Observations(true, items);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new BadInputException($"findings file is not HardenTui findings JSON: {e.Message}");
        }
    }
}

/// <summary>One observed thing: its key (a path, a syscall, AF_INET…), how often, and the first trace line showing it.</summary>
public sealed record ObservedItem(string Key, long Count, string Evidence);
