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

    /// <summary>Adds a syscall group's full membership (from the host's systemd) when the findings lack it.</summary>
    public Observations WithGroup(string group, IEnumerable<string> members) =>
        Any($"group{group}") ? this : new(Traced, _byKind.SelectMany(k => k.Value.Values.Select(i => (k.Key, i)))
            .Concat(members.Select(m => ($"group{group}", new ObservedItem(m, 1, $"{m} is in {group}")))));

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

    public static Observations FromFindingsJson(string json, string source = "findings file")
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new BadInputException("the top level is not an object");
            var items = new List<(string, ObservedItem)>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "syscalls")
                    foreach (var s in property.Value.EnumerateObject())
                        items.Add(("syscall", new ObservedItem(s.Name, Count(s.Value, $"syscalls.{s.Name}"), $"{s.Name}() called {Count(s.Value, s.Name)} times")));
                else if (property.Name == "syscallGroups")
                    foreach (var g in property.Value.EnumerateObject())
                        foreach (var s in g.Value.EnumerateArray())
                            items.Add(($"group{g.Name}", new ObservedItem(Text(s, $"syscallGroups.{g.Name}"), 1, $"{s.GetString()} is in {g.Name}")));
                else if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object))
                    foreach (var e in property.Value.EnumerateArray())
                    {
                        var evidence = e.TryGetProperty("evidence", out var ev) && ev.GetArrayLength() > 0 && ev[0].ValueKind == JsonValueKind.String ? ev[0].GetString()! : "";
                        items.Add((property.Name, new ObservedItem(Text(e.GetProperty("key"), $"{property.Name}[].key"), Count(e.GetProperty("count"), $"{property.Name}[].count"), evidence)));
                    }
            }
            return new Observations(true, items);
        }
        catch (Exception e) when (e is BadInputException or JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            // Named by the caller ("findings PATH"): the file the user gave, not only what is wrong inside it.
            throw new BadInputException($"{source} is not HardenTui findings JSON: {e.Message}");
        }
    }

    /// <summary>A count: a whole number from 0 up (not fractional, not null, not beyond 64 bits).</summary>
    private static long Count(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) && n >= 0
            ? n : throw new BadInputException($"{where} is {Shown(e)}, not a whole count");

    private static string Text(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 and <= 4096 } s
            ? s : throw new BadInputException($"{where} is {Shown(e)}, not a name");

    private static string Shown(JsonElement e)
    {
        var raw = e.GetRawText();
        return raw.Length > 40 ? raw[..37] + "..." : raw;
    }
}

/// <summary>One observed thing: its key (a path, a syscall, AF_INET…), how often, and the first trace line showing it.</summary>
public sealed record ObservedItem(string Key, long Count, string Evidence);
