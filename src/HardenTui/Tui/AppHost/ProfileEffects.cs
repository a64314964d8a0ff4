using HardenTui.Core.Overrides;
using HardenTui.Core.Profiles;
using HardenTui.Core.Units;
using HardenTui.Core.Wizard;
using HardenTui.Host.Profiles;

namespace HardenTui.Tui.AppHost;

/// <summary>
/// Profiles from the wizard: the shipped profile that names the unit, and the chosen directives saved as a new
/// YAML profile in the working directory (never over an existing file), loadable with `apply --profile FILE`.
/// </summary>
internal static class ProfileEffects
{
    public static Msg.ProfileFound Find(string unit, ProfileLibrary? shipped)
    {
        if (shipped is null)
            return new(null, "no profiles/ directory found next to hardentui");
        var match = shipped.All().FirstOrDefault(p => p.AppliesTo(unit));
        return match is null
            ? new(null, $"no shipped profile names {unit} (see `hardentui profiles`)")
            : new(ProfileSeed.From(match), $"started from profile {match.Name}: {match.Description}");
    }

    public static Msg.ProfileSaved Save(Cmd.SaveProfile s, string directory)
    {
        var stem = UnitName.Parse(s.Unit).Value;
        stem = new string(stem[..stem.LastIndexOf('.')].ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());
        var dropIn = new DropIn(UnitName.Parse(s.Unit).Value, s.Directives.Select(d => new DropInDirective(d.Name, d.Value, d.Explanation)).ToList());
        var (name, path) = FreeName(directory, stem + "-local");
        var profile = Profile.FromDropIn(name, $"{stem} as hardened with the HardenTui wizard", dropIn, s.Probe.Length == 0 ? null : s.Probe);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(file))
            writer.Write(ProfileWriter.Write(profile));
        return new(path);
    }

    private static (string Name, string Path) FreeName(string directory, string stem)
    {
        for (var n = 1; ; n++)
        {
            var name = n == 1 ? stem : $"{stem}-{n}";
            var path = Path.Combine(directory, name + ".yaml");
            if (!File.Exists(path)) return (name, path);
        }
    }
}
