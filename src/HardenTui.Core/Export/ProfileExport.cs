using HardenTui.Core.Overrides;
using HardenTui.Core.Profiles;
using HardenTui.Core.Units;

namespace HardenTui.Core.Export;

/// <summary>A drop-in as a profile (the profiles' own writer and schema), with the fingerprint as its first comment and in its notes.</summary>
public static class ProfileExport
{
    public static string Write(DropIn dropIn, HostFingerprint learned, string? probe)
    {
        var unit = UnitName.Parse(dropIn.Unit).Value;
        var name = unit[..unit.LastIndexOf('.')].TrimEnd('@');
        var profile = Profile.FromDropIn(name, $"{unit} as hardened by HardenTui", dropIn, probe,
            notes: $"Learned on {learned}.");
        return learned.Comment + "\n" + ProfileWriter.Write(profile);
    }
}
