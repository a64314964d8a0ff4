using HardenTui.Core.Profiles;

namespace HardenTui.Core.Wizard;

/// <summary>
/// A shipped profile the levels start from: its name, the directives it turns on and its probe. Kept in the model
/// so proposals rebuilt after a trace start from it again.
/// </summary>
public sealed record ProfileSeed(string Name, IReadOnlyList<ProfileDirective> Directives, string? Probe)
{
    public static ProfileSeed From(Profile p) => new(p.Name, p.Directives, p.Probe);
}
