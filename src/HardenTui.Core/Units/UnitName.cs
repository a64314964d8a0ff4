namespace HardenTui.Core.Units;

/// <summary>A unit name split the way systemd does (unit-name.c): prefix, optional @instance, .type suffix.</summary>
public sealed record UnitName(string Prefix, string? Instance, string Type)
{
    public bool IsTemplate => Instance == "";
    public bool IsInstance => !string.IsNullOrEmpty(Instance);
    public string Full => Instance is null ? $"{Prefix}.{Type}" : $"{Prefix}@{Instance}.{Type}";
    public string Template => $"{Prefix}@.{Type}";

    public static UnitName Parse(string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot <= 0 || dot == name.Length - 1 || name.Contains('/'))
            throw new BadInputException($"'{name}' is not a unit name (expected e.g. nginx.service)");
        var stem = name[..dot];
        var at = stem.IndexOf('@');
        return at < 0
            ? new UnitName(stem, null, name[(dot + 1)..])
            : new UnitName(stem[..at], stem[(at + 1)..], name[(dot + 1)..]);
    }

    public UnitName WithInstance(string instance) => this with { Instance = instance };
}
