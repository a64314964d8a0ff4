using HardenTui.Core.Directives;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HardenTui.Core.Profiles;

/// <summary>Typed reads of YAML nodes for the profile loader; every failure is a BadInputException at FILE:LINE:COL.</summary>
internal sealed class ProfileNodes(string file)
{
    public BadInputException Error(YamlNode node, string message) => Error(node.Start, message);

    public BadInputException Error(Mark mark, string message) =>
        new($"{file}:{Math.Max(mark.Line, 1)}:{Math.Max(mark.Column, 1)}: {message}");

    /// <summary>The keys of a mapping, each allowed one; anything else is an error naming the nearest allowed key.</summary>
    public Dictionary<string, YamlNode> Keys(YamlNode node, IReadOnlyList<string> allowed, string what)
    {
        if (node is not YamlMappingNode map)
            throw Error(node, $"{what} must be a mapping with keys {string.Join(", ", allowed)}; found {Kind(node)}");
        var keys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            var name = Text(key, $"a key of {what}");
            if (!allowed.Contains(name))
                throw Error(key, $"unknown key '{name}' in {what} (did you mean {allowed.MinBy(a => DirectiveCatalog.EditDistance(a, name))}?)");
            if (!keys.TryAdd(name, value)) throw Error(key, $"'{name}' appears twice in {what}");
        }
        return keys;
    }

    public YamlNode Required(YamlNode owner, Dictionary<string, YamlNode> keys, string key) =>
        keys.TryGetValue(key, out var node) ? node : throw Error(owner, $"missing '{key}'");

    /// <summary>A scalar's text (trimmed); a mapping, list or null is a type error. Line breaks only where allowed.</summary>
    public string Text(YamlNode node, string what, bool multiLine = false)
    {
        if (node is not YamlScalarNode { Value: { } value } scalar || (scalar.Style == ScalarStyle.Plain && value is "~" or "null" or ""))
            throw Error(node, $"{what} must be text; found {Kind(node)}");
        var text = multiLine ? value.TrimEnd() : value.Trim();
        if (!multiLine && text.Contains('\n')) throw Error(node, $"{what} must be one line");
        if (text.Length == 0) throw Error(node, $"{what} is empty");
        if (Overrides.HardeningDropIn.ControlCharacter(text) is { } bad) throw Error(node, $"{what}: {bad} (counted within the value)");
        return text;
    }

    /// <summary>A list of one-line texts; a single text counts as a list of one.</summary>
    public List<(YamlNode Node, string Text)> List(YamlNode node, string what, string items) => node switch
    {
        YamlScalarNode => [(node, Text(node, what))],
        YamlSequenceNode seq => seq.Children.Select(c => (c, Text(c, $"each of {what}"))).ToList(),
        _ => throw Error(node, $"{what} must be a list of {items}; found {Kind(node)}"),
    };

    private static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" or "~" or "null" } => "nothing",
        _ => "text",
    };
}
