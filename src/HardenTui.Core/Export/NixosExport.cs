// A NixOS serviceConfig snippet. NixOS writes each attribute back as Name=value lines (nixos/lib/systemd-lib.nix,
// attrsToSection): a bool as true/false, a string as it is, a list as one line per element. So list-valued
// directives become lists of their lines, in order (systemd adds repeated lines up; an empty element is the
// reset line "Name="), and a scalar directive that repeats keeps its last value, as systemd would.
using System.Text;
using HardenTui.Core.Directives;
using HardenTui.Core.Overrides;
using HardenTui.Core.Units;

namespace HardenTui.Core.Export;

public static class NixosExport
{
    private static readonly string[] Yes = ["yes", "true", "on"];
    private static readonly string[] No = ["no", "false", "off"];

    public static string Write(DropIn dropIn, HostFingerprint learned)
    {
        var unit = UnitName.Parse(dropIn.Unit).Value;
        var service = unit.EndsWith(".service", StringComparison.Ordinal)
            ? unit[..^".service".Length]
            : throw new BadInputException($"{unit}: NixOS serviceConfig is for .service units");
        var n = new StringBuilder();
        n.Append("# HardenTui hardening of ").Append(unit).Append(" for a NixOS configuration (a module taking { config, lib, pkgs, ... }).\n");
        n.Append(learned.Comment).Append('\n');
        n.Append("# Where nixpkgs' own module sets one of these to another value, wrap ours in lib.mkForce.\n");
        if (dropIn.Directives.Any(d => d.Name == "ExecPaths"))
            n.Append("# ExecPaths= lists where the programs and libraries were on the learning host; NixOS keeps them in /nix/store,\n")
             .Append("# so adjust it (or drop NoExecPaths= and ExecPaths=) or the service fails with 203/EXEC.\n");
        n.Append("systemd.services.").Append(Str(service)).Append(".serviceConfig = {\n");
        foreach (var group in dropIn.Directives.GroupBy(d => d.Name, StringComparer.Ordinal))
        {
            var values = group.Select(d => d.Value).ToList();
            n.Append("  ").Append(group.Key).Append(" = ").Append(Value(group.Key, values)).Append(";\n");
        }
        n.Append("};\n");
        if (DirectiveCatalog.Load().Newest(dropIn.Directives.Select(d => (d.Name, d.Value))) is { } newest)
            n.Append("assertions = [ { assertion = lib.versionAtLeast config.systemd.package.version ").Append(Str(newest.Since.ToString()))
                .Append("; message = ").Append(Str($"the hardening of {unit} needs systemd {newest.Since} ({newest.Line}), this system has "))
                .Append(" + config.systemd.package.version; } ];\n");
        // The distribution is NixOS by definition here, so the warning compares what can still match.
        n.Append("warnings = lib.optional (")
            .Append("lib.versions.major config.systemd.package.version != ").Append(Str(learned.Systemd))
            .Append(" || pkgs.stdenv.hostPlatform.uname.processor != ").Append(Str(learned.Architecture))
            .Append(" || config.boot.kernelPackages.kernel.modDirVersion != ").Append(Str(learned.Kernel))
            .Append(")\n  ").Append(Str($"the hardening of {unit} was learned on {learned}; check the service on this host")).Append(";\n");
        return n.ToString();
    }

    private static string Value(string name, IReadOnlyList<string> values)
    {
        var listValued = DirectiveCatalog.Load().Find(name)?.IsList ?? values.Count > 1;
        // A single yes/no of a list-valued directive (RestrictNamespaces=yes) is its boolean form, not an element.
        if (listValued && (values.Count > 1 || Bool(values[0]) is null))
            return "[ " + string.Join(' ', values.Select(Str)) + " ]";
        var last = values[^1];
        return Bool(last) switch { true => "true", false => "false", null => Str(last) };
    }

    private static bool? Bool(string value) =>
        Yes.Contains(value, StringComparer.OrdinalIgnoreCase) ? true : No.Contains(value, StringComparer.OrdinalIgnoreCase) ? false : null;

    /// <summary>A Nix double-quoted string: \, " and the start of an interpolation ${ escaped.</summary>
    private static string Str(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("${", "\\${").Replace("\n", "\\n") + "\"";
}
