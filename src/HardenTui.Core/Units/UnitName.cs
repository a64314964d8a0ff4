namespace HardenTui.Core.Units;

/// <summary>
/// A validated unit name. Every name that reaches a command line or a path goes through <see cref="Parse"/>.
/// Grammar as systemd's unit_name_is_valid() (src/basic/unit-name.c, v252): at most 255 characters,
/// PREFIX[@INSTANCE].TYPE with characters from [A-Za-z0-9:_.\-\\] (and '@'), a non-empty prefix, a known type.
/// HardenTui works on services, so the type must be "service".
/// </summary>
public sealed record UnitName
{
    public const int MaxLength = 255;
    private static readonly string[] UnitTypes =
        ["service", "socket", "target", "device", "mount", "automount", "swap", "timer", "path", "slice", "scope"];

    private UnitName(string value, string prefix, string? instance)
    {
        Value = value;
        Prefix = prefix;
        Instance = instance;
    }

    public string Value { get; }
    /// <summary>The part before '@' (or before ".service" for a plain name).</summary>
    public string Prefix { get; }
    /// <summary>null for a plain name, "" for a template ("foo@.service"), the instance otherwise.</summary>
    public string? Instance { get; }
    public bool IsTemplate => Instance is "";
    public bool IsInstance => Instance is { Length: > 0 };
    /// <summary>"foo@.service" for an instance "foo@bar.service"; the name itself otherwise.</summary>
    public string TemplateName => Instance is null ? Value : $"{Prefix}@.service";

    public override string ToString() => Value;

    public static bool TryParse(string? text, out UnitName? name, out string error)
    {
        name = null;
        error = Validate(text ?? "");
        if (error.Length > 0) return false;
        var stem = text![..^".service".Length];
        var at = stem.IndexOf('@');
        name = at < 0 ? new UnitName(text, stem, null) : new UnitName(text, stem[..at], stem[(at + 1)..]);
        return true;
    }

    public static UnitName Parse(string? text) =>
        TryParse(text, out var name, out var error) ? name! : throw new BadInputException(error);

    /// <summary>
    /// A unit named on the command line or in the wizard, for every command (analyze, propose, apply, rollback,
    /// export, trace, the wizard): "nginx" means nginx.service as with systemctl; the name must be a service a
    /// command can act on, so a template without an instance is refused too.
    /// </summary>
    public static UnitName FromUser(string? text)
    {
        var given = text ?? "";
        if (given.Length > 0 && !given.Contains('.') && given[0] != '-') given += ".service";
        var name = Parse(given);
        if (name.IsTemplate)
            throw new BadInputException($"invalid unit name {Show(name.Value)}: a template; name an instance, such as {Show(name.Prefix + "@NAME.service")}");
        return name;
    }

    private static string Validate(string text)
    {
        var shown = Show(text);
        if (text.Length == 0) return "invalid unit name: it is empty";
        if (text[0] == '-') return $"invalid unit name {shown}: it starts with '-' (an option is not a unit)";
        if (text.Length > MaxLength) return $"invalid unit name {shown}: longer than {MaxLength} characters";
        if (text.Contains('/')) return $"invalid unit name {shown}: a unit name is not a path (no '/')";
        var bad = text.FirstOrDefault(c => !IsValidChar(c));
        if (bad != default) return $"invalid unit name {shown}: character {Show(bad.ToString())} is not allowed in unit names";
        var dot = text.LastIndexOf('.');
        var type = dot < 0 ? "" : text[(dot + 1)..];
        if (dot <= 0 || !UnitTypes.Contains(type))
            return $"invalid unit name {shown}: it needs a unit type suffix (did you mean {Show(text.TrimEnd('.') + ".service")}?)";
        if (type != "service") return $"invalid unit name {shown}: HardenTui hardens services (*.service), not .{type} units";
        if (text[0] == '@') return $"invalid unit name {shown}: the part before '@' is empty";
        return "";
    }

    private static bool IsValidChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or ':' or '-' or '_' or '.' or '\\' or '@';

    private static string Show(string s)
    {
        var clean = Printable.OneLine(s);
        return "'" + (clean.Length > 60 ? clean[..57] + "..." : clean) + "'";
    }
}
