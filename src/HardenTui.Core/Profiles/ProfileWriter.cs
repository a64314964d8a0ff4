using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HardenTui.Core.Profiles;

/// <summary>
/// Writes a profile as YAML in the schema <see cref="ProfileLoader"/> reads (the two round-trip). YamlDotNet's
/// emitter picks the quoting, so values such as "@system-service" or "~@privileged" stay text.
/// </summary>
public static class ProfileWriter
{
    public static string Write(Profile profile)
    {
        var text = new StringWriter { NewLine = "\n" };
        var e = new Emitter(text, new EmitterSettings().WithBestWidth(int.MaxValue));
        e.Emit(new StreamStart());
        e.Emit(new DocumentStart(null, null, isImplicit: true));
        e.Emit(new Comment("HardenTui profile; the schema is in profiles/README.md", false));
        e.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        Pair(e, "name", profile.Name);
        Pair(e, "description", profile.Description);
        Key(e, "units");
        Flow(e, profile.Units);
        if (profile.Conditions.MinSystemd is not null || profile.Conditions.Architectures.Count > 0)
        {
            Key(e, "conditions");
            e.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            if (profile.Conditions.MinSystemd is { } min) Pair(e, "min-systemd", min.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (profile.Conditions.Architectures.Count > 0)
            {
                Key(e, "architectures");
                Flow(e, profile.Conditions.Architectures);
            }
            e.Emit(new MappingEnd());
        }
        if (profile.Probe is not null) Pair(e, "probe", profile.Probe);
        Key(e, "directives");
        e.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        foreach (var d in profile.Directives)
        {
            Key(e, d.Name);
            e.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            if (d.Values.Count == 1) Pair(e, "value", d.Values[0]);
            else
            {
                Key(e, "value");
                Flow(e, d.Values);
            }
            Pair(e, "reason", d.Reason);
            e.Emit(new MappingEnd());
        }
        e.Emit(new MappingEnd());
        if (profile.Notes is not null) Pair(e, "notes", profile.Notes);
        e.Emit(new MappingEnd());
        e.Emit(new DocumentEnd(isImplicit: true));
        e.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Key(IEmitter e, string key) => e.Emit(new Scalar(key));

    private static void Pair(IEmitter e, string key, string value)
    {
        Key(e, key);
        var multiLine = value.Contains('\n');
        e.Emit(new Scalar(null, null, multiLine ? value + "\n" : value, multiLine ? ScalarStyle.Literal : StyleOf(value), true, true));
    }

    private static void Flow(IEmitter e, IEnumerable<string> items)
    {
        e.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
        foreach (var item in items) e.Emit(new Scalar(null, null, item, StyleOf(item), true, true));
        e.Emit(new SequenceEnd());
    }

    // Plain yes/no/on/off, numbers (0027 is octal in YAML 1.1) and null words are not strings to other YAML tools
    // (Ansible, PyYAML); quote them so every reader sees the text systemd gets.
    private static ScalarStyle StyleOf(string value) =>
        value.Length > 0 && (YamlNonStrings.Contains(value) || value.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+' or '_'))
            ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;

    private static readonly HashSet<string> YamlNonStrings = new(StringComparer.OrdinalIgnoreCase)
        { "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~" };
}
