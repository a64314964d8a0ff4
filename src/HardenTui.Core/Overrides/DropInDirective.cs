namespace HardenTui.Core.Overrides;

/// <summary>One line of a drop-in: <c>Name=Value</c>, with the reason written as a comment above it.</summary>
public sealed record DropInDirective(string Name, string Value, string Reason)
{
    public string Line => $"{Name}={Value}";
}
