// Reads a unit the way systemd finds it on disk (252): the first file of that name along the search path (for an
// instance, the template's file), then every drop-in from every search-path directory and drop-in level, merged
// by file name (EffectiveUnit.OrderDropIns). Optionally below another root (a sandbox's, or a mounted image).
using HardenTui.Core;
using HardenTui.Core.Units;

namespace HardenTui.Host.Units;

public sealed class UnitFileStore(string root = "/")
{
    public EffectiveUnit Load(string unitName)
    {
        var name = UnitName.Parse(unitName);
        var main = FindMain(name.Value) ?? (name.IsInstance ? FindMain(name.TemplateName) : null)
            ?? throw new BadInputException($"unit {unitName} has no unit file in {string.Join(", ", EffectiveUnit.SystemSearchPath)}");
        if (IsMasked(main))
            throw new BadInputException($"unit {unitName} is masked");
        var candidates = new List<(int, string)>();
        for (var priority = 0; priority < EffectiveUnit.SystemSearchPath.Count; priority++)
            foreach (var dir in EffectiveUnit.DropInDirectoryNames(name.Value))
            {
                var path = Below(Path.Combine(EffectiveUnit.SystemSearchPath[priority], dir));
                if (Directory.Exists(path))
                    candidates.AddRange(Directory.GetFiles(path).Select(f => (priority, f)));
            }
        var dropIns = EffectiveUnit.OrderDropIns(candidates).Where(f => !IsMasked(f)).Select(Read).ToList();
        return new EffectiveUnit(name.Value, Read(main), dropIns);
    }

    private string? FindMain(string fileName) =>
        EffectiveUnit.SystemSearchPath.Select(dir => Below(Path.Combine(dir, fileName))).FirstOrDefault(File.Exists);

    private string Below(string absolute) => root == "/" ? absolute : Path.Combine(root, absolute.TrimStart('/'));

    /// <summary>systemd's null_or_empty_path(): a link to /dev/null or an empty file masks the unit.</summary>
    private static bool IsMasked(string path)
    {
        var file = new FileInfo(path);
        return file.ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName == "/dev/null" : file.Length == 0;
    }

    public static UnitFile Read(string path)
    {
        var text = Files.InputFile.ReadText(path, "unit file");
        if (Core.Overrides.HardeningDropIn.ControlCharacter(text) is { } bad) throw new BadInputException($"unit file {path} {bad}");
        return UnitFile.Parse(text, path);
    }
}
