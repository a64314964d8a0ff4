using HardenTui.Core;
using HardenTui.Core.Profiles;
using HardenTui.Host.Files;

namespace HardenTui.Host.Profiles;

/// <summary>
/// The shipped profiles (profiles/*.yaml in the first directory above the app that has one: the repository for
/// a build run from it) and profile files named by path. Every load validates; a bad file is BadInputException.
/// </summary>
public sealed class ProfileLibrary(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>The library next to the running app; null when no profiles/ directory is found above it.</summary>
    public static ProfileLibrary? Shipped()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var dir = Path.Combine(d.FullName, "profiles");
            if (System.IO.Directory.Exists(dir) && System.IO.Directory.EnumerateFiles(dir, "*.yaml").Any()) return new ProfileLibrary(dir);
        }
        return null;
    }

    /// <summary>Every shipped profile, by name.</summary>
    public IReadOnlyList<Profile> All() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Order(StringComparer.Ordinal).Select(LoadFile).ToList();

    public Profile Named(string name)
    {
        if (name.Contains('/') || name.StartsWith('.')) throw new BadInputException($"profile {name}: a shipped profile is a name (see `hardentui profiles`)");
        var file = Path.Combine(Directory, name + ".yaml");
        return File.Exists(file) ? LoadFile(file) : throw new BadInputException($"no profile '{name}' in {Directory} (see `hardentui profiles`)");
    }

    /// <summary>A path (anything with '/' or ending in .yaml/.yml) is a file; anything else a shipped name.</summary>
    public static Profile Resolve(string nameOrFile, ProfileLibrary? shipped) => ResolveWithText(nameOrFile, shipped).Profile;

    /// <summary>As <see cref="Resolve"/>, with the file's text when a file was named (read once, for its fingerprint).</summary>
    public static (Profile Profile, string? Text) ResolveWithText(string nameOrFile, ProfileLibrary? shipped)
    {
        if (nameOrFile.Contains('/') || nameOrFile.EndsWith(".yaml", StringComparison.Ordinal) || nameOrFile.EndsWith(".yml", StringComparison.Ordinal))
        {
            var text = InputFile.ReadText(nameOrFile, "profile", ProfileLoader.MaxBytes);
            return (ProfileLoader.Load(text, nameOrFile), text);
        }
        return ((shipped ?? throw new BadInputException($"profile {nameOrFile}: no profiles/ directory found next to hardentui; pass a file path")).Named(nameOrFile), null);
    }

    public static Profile LoadFile(string path) => ProfileLoader.Load(InputFile.ReadText(path, "profile", ProfileLoader.MaxBytes), path);
}
