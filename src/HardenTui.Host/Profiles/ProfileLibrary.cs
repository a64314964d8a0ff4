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

    /// <summary>
    /// The library of the running app: profiles/ in the first directory above it that has one (a checkout's build),
    /// else share/hardentui/profiles beside its bin directory (/usr/bin/hardentui → /usr/share/hardentui/profiles, as
    /// the Debian package installs it); null when neither exists.
    /// </summary>
    public static ProfileLibrary? Shipped()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (HasProfiles(Path.Combine(d.FullName, "profiles")) is { } dir) return new ProfileLibrary(dir);
        return HasProfiles(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../share/hardentui/profiles"))) is { } installed
            ? new ProfileLibrary(installed) : null;
    }

    private static string? HasProfiles(string dir) =>
        System.IO.Directory.Exists(dir) && System.IO.Directory.EnumerateFiles(dir, "*.yaml").Any() ? dir : null;

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
