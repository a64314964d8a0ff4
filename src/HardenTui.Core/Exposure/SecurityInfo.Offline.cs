// SecurityInfo from unit files, like `systemd-analyze security --offline=true` (252): a template is analysed as
// instance "i", settings are applied in file order, then unit_patch_contexts()'s implications. The online-only
// fix-ups (implied PrivateMounts=, prefix-exact localhost) are not applied, as systemd does not apply them either.
using HardenTui.Core.Syscalls;
using HardenTui.Core.Units;

namespace HardenTui.Core.Exposure;

public sealed partial class SecurityInfo
{
    public const string OfflineTemplateInstance = "i";

    public static SecurityInfo FromUnit(EffectiveUnit unit, SyscallGroups groups)
    {
        var name = UnitName.Parse(unit.Name);
        if (name.IsTemplate)
            name = UnitName.Parse($"{name.Prefix}@{OfflineTemplateInstance}.service");
        var info = new SecurityInfo(name.Value, online: false, groups);
        foreach (var a in unit.Assignments)
        {
            if (a.Section is not ("Unit" or "Service" or "Socket" or "Mount" or "Swap"))
                continue;
            var value = a.Key == "User" ? ExpandSpecifiers(a.Value, name) : a.Value;
            SecuritySettings.Apply(info, a.Section, a.Key, value);
        }
        SecuritySettings.Patch(info);
        return info;
    }

    /// <summary>The name specifiers User= resolves (src/shared/specifier.c, unit-printf.c).</summary>
    private static string ExpandSpecifiers(string value, UnitName name)
    {
        if (!value.Contains('%'))
            return value;
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%' || i + 1 == value.Length) { result.Append(value[i]); continue; }
            var spec = value[++i];
            result.Append(spec switch
            {
                'i' or 'I' => name.Instance ?? "",
                'p' or 'P' => name.Prefix,
                'n' => name.Value,
                'N' => name.Value[..name.Value.LastIndexOf('.')],
                '%' => "%",
                _ => "%" + spec,
            });
        }
        return result.ToString();
    }
}
