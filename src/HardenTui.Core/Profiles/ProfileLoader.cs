// Reads a profile from YAML through YamlDotNet's node model, so every error can name the file, line and column
// of the node at fault ("nginx.yaml:7:3: unknown directive ProtectSistem (did you mean ProtectSystem?)").
using System.Text.RegularExpressions;
using HardenTui.Core.Directives;
using HardenTui.Core.Overrides;
using HardenTui.Core.Units;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HardenTui.Core.Profiles;

public static partial class ProfileLoader
{
    /// <summary>A profile is a few KiB; nesting deeper than this is not a profile (and would exhaust the stack).</summary>
    public const int MaxBytes = 1024 * 1024;
    public const int MaxDepth = 32;

    private static readonly string[] TopKeys = ["name", "description", "units", "conditions", "probe", "directives", "notes"];

    /// <summary>Parses and validates a profile; <paramref name="file"/> only names it in errors.</summary>
    public static Profile Load(string text, string file)
    {
        var at = new ProfileNodes(file);
        var root = ReadRoot(text, at);
        var keys = at.Keys(root, TopKeys, "profile");
        var directives = ReadDirectives(at.Required(root, keys, "directives"), at);
        var conditions = keys.TryGetValue("conditions", out var c) ? ReadConditions(c, directives, at) : ProfileConditions.None;
        var name = at.Text(at.Required(root, keys, "name"), "name");
        if (!ProfileName().IsMatch(name))
            throw at.Error(keys["name"], $"name '{name}' must be lower-case letters, digits, '.', '_' or '-' (it names the file NAME.yaml)");
        return new Profile(
            name,
            at.Text(at.Required(root, keys, "description"), "description"),
            ReadUnits(at.Required(root, keys, "units"), at),
            directives,
            conditions,
            keys.TryGetValue("probe", out var p) ? at.Text(p, "probe") : null,
            keys.TryGetValue("notes", out var n) ? at.Text(n, "notes", multiLine: true) : null);
    }

    private static YamlMappingNode ReadRoot(string text, ProfileNodes at)
    {
        if (text.Length > MaxBytes) throw at.Error(Mark.Empty, $"longer than {MaxBytes / 1024} KiB; a profile is a few KiB");
        var stream = new YamlStream();
        try
        {
            CheckDepth(text, at);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e) { throw at.Error(e.Start, YamlMessage(e)); }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 throws this, without a mark, when the text ends inside a flow collection.
            throw at.Error(new Mark(text.Length, text.Count(c => c == '\n') + 1, 1), "YAML: the file ends inside an unclosed [ or {");
        }
        if (stream.Documents.Count != 1)
            throw at.Error(Mark.Empty, $"expected one YAML document, found {stream.Documents.Count}");
        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw at.Error(stream.Documents[0].RootNode, "a profile is a mapping (name:, description:, units:, directives: ...)");
    }

    /// <summary>Walks the YAML events (no recursion) and refuses nesting deeper than <see cref="MaxDepth"/> before any tree is built.</summary>
    private static void CheckDepth(string text, ProfileNodes at)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth) throw at.Error(parser.Current.Start, $"YAML nested deeper than {MaxDepth} levels; a profile needs 3");
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static IReadOnlyList<string> ReadUnits(YamlNode node, ProfileNodes at)
    {
        var units = at.List(node, "units", "unit names");
        if (units.Count == 0) throw at.Error(node, "units lists no unit; name at least one (nginx.service, or a glob such as apache2*.service)");
        foreach (var (item, unit) in units)
        {
            var glob = unit.Contains('*') || unit.Contains('?');
            if (glob ? !UnitGlob().IsMatch(unit) : !UnitName.TryParse(unit, out _, out _))
                throw at.Error(item, $"'{unit}' is not a service name or glob (expected e.g. nginx.service or apache2*.service)");
        }
        return units.Select(u => u.Text).ToList();
    }

    private static List<ProfileDirective> ReadDirectives(YamlNode node, ProfileNodes at)
    {
        if (node is not YamlMappingNode map || map.Children.Count == 0)
            throw at.Error(node, "directives must be a mapping of directive names to {value, reason}, with at least one entry");
        var catalog = DirectiveCatalog.Load();
        var result = new List<ProfileDirective>();
        foreach (var (keyNode, body) in map.Children)
        {
            var name = at.Text(keyNode, "a directive name");
            if (catalog.Find(name) is null)
                throw at.Error(keyNode, $"unknown directive {name} (did you mean {catalog.Nearest(name)}?)");
            var keys = at.Keys(body, ["value", "reason"], $"directive {name}");
            var values = at.List(at.Required(body, keys, "value"), $"{name}: value", "values");
            if (values.Count == 0) throw at.Error(keys["value"], $"{name}: value lists nothing");
            foreach (var (item, value) in values)
            {
                if (value.Length == 0) throw at.Error(item, $"{name}: the value is empty");
                if (HardeningDropIn.ValueProblem(catalog.Find(name)!, value) is { } why) throw at.Error(item, $"{name}: {why}");
            }
            result.Add(new ProfileDirective(name, values.Select(v => v.Text).ToList(), at.Text(at.Required(body, keys, "reason"), $"{name}: reason", multiLine: true)));
        }
        return result;
    }

    private static ProfileConditions ReadConditions(YamlNode node, IReadOnlyList<ProfileDirective> directives, ProfileNodes at)
    {
        var keys = at.Keys(node, ["min-systemd", "architectures"], "conditions");
        int? min = null;
        if (keys.TryGetValue("min-systemd", out var m))
        {
            if (!int.TryParse(at.Text(m, "min-systemd"), out var v) || v < 1)
                throw at.Error(m, "min-systemd must be a systemd version number such as 252");
            var catalog = DirectiveCatalog.Load();
            var newer = directives.Select(d => catalog.Find(d.Name)!).FirstOrDefault(d => d.Since > v);
            if (newer is not null)
                throw at.Error(m, $"min-systemd {v} is older than {newer.Name}, which systemd {newer.Since} introduced");
            min = v;
        }
        var arches = keys.TryGetValue("architectures", out var a) ? at.List(a, "architectures", "architecture names") : [];
        foreach (var (item, arch) in arches)
            if (!ProfileConditions.KnownArchitectures.Contains(arch))
                throw at.Error(item, $"unknown architecture '{arch}' (systemd's names: x86-64, arm64, ...)");
        return new ProfileConditions(min, arches.Select(x => x.Text).ToList());
    }

    /// <summary>YamlDotNet's message without its "(Line: 3, Col: 5, Idx: 20) - (...): " prefix (the mark is ours to print).</summary>
    private static string YamlMessage(YamlException e) =>
        MarkPrefix().Replace(e.Message, "").Trim() is { Length: > 0 } m ? "YAML: " + m : "YAML syntax error";

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex ProfileName();

    [GeneratedRegex(@"^[A-Za-z0-9:_.\-\\@*?]+\.service$")]
    private static partial Regex UnitGlob();
}
