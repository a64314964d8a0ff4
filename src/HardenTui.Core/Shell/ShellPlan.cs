// What `hardentui shell` starts: a transient service (systemd-run) carrying the unit's sandboxing settings — the
// effective unit as `systemctl cat` prints it, with a proposed or given drop-in in our drop-in's place — so a
// shell or a command sees the world as the service would. Pure: the host supplies the unit text, the running
// systemd's version, and the files the shell needs to execute.
using HardenTui.Core.Directives;
using HardenTui.Core.Overrides;
using HardenTui.Core.Units;

namespace HardenTui.Core.Shell;

/// <summary>One setting of the transient unit, in unit-file syntax as `systemd-run -p` takes it, and where it came from.</summary>
public sealed record ShellSetting(string Key, string Value, string From)
{
    public string Assignment => $"{Key}={Value}";
}

/// <summary>A setting of the unit the shell does not get, and why.</summary>
public sealed record LeftOut(string Key, string Value, string Why)
{
    public string Assignment => $"{Key}={Value}";
}

/// <summary>Files the shell (or the command) needs to run: the program, its ELF loader and libraries (resolved paths included).</summary>
public sealed record ShellProgram(string Path, IReadOnlyList<string> Argv, IReadOnlyList<string> ExecFiles);

public sealed record ShellPlan(
    string Unit,
    int SystemdVersion,
    ShellProgram Program,
    IReadOnlyList<ShellSetting> Settings,
    IReadOnlyList<LeftOut> Left,
    IReadOnlyList<string> Notes)
{
    public const string Ours = "hardentui";

    /// <summary>Settings of the unit's [Service] sections that shape what its processes can see and do.</summary>
    public static readonly IReadOnlySet<string> Carried = DirectiveCatalog.Load().All.Select(d => d.Name)
        .Except(["NotifyAccess", "Delegate", "DelegateSubgroup", "CoredumpReceive", "SetLoginEnvironment"])
        .Concat([
            "WorkingDirectory", "StateDirectory", "CacheDirectory", "LogsDirectory", "ConfigurationDirectory", "RuntimeDirectory",
            "StateDirectoryMode", "CacheDirectoryMode", "LogsDirectoryMode", "ConfigurationDirectoryMode", "RuntimeDirectoryMode",
            "RuntimeDirectoryPreserve", "RestrictFileSystems", "AppArmorProfile", "SELinuxContext", "SmackProcessLabel",
            "NetworkNamespacePath", "IPCNamespacePath", "MountFlags", "Personality", "PrivatePIDs",
            "RootImageOptions", "RootHash", "RootVerity", "ExtensionDirectories", "ExtensionImages", "MountImages",
        ])
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Keys whose repeated assignments add up (an empty one resets what came before): the catalog's lists
    /// (<see cref="Directive.IsList"/>) and these, which it does not describe as lists; the rest keep their last value.
    /// </summary>
    private static readonly HashSet<string> ExtraLists =
        ["StateDirectory", "CacheDirectory", "LogsDirectory", "ConfigurationDirectory", "RuntimeDirectory", "RestrictFileSystems",
         "ExtensionDirectories", "ExtensionImages", "MountImages"];

    public static bool IsList(string key) =>
        ExtraLists.Contains(key) || DirectiveCatalog.Load().Find(key) is { IsList: true };

    /// <summary>
    /// The plan for <paramref name="unit"/>: its effective settings from <paramref name="catText"/>, with
    /// <paramref name="dropInText"/> (a proposal or a given file) in place of our drop-in when not null.
    /// </summary>
    public static ShellPlan For(string unit, string catText, string? dropInText, int systemdVersion, ShellProgram program)
    {
        var name = UnitName.Parse(unit);
        var text = dropInText is null ? catText : EffectiveUnitText.WithDropIn(catText, "/" + DropInPaths.PersistentFile(name.Value), dropInText);
        var assignments = new List<ShellSetting>();
        foreach (var (path, body) in EffectiveUnitText.Files(text))
            foreach (var a in UnitFile.Parse(body, path.Length > 0 ? path : "systemctl cat").Assignments)
                if (a.Section == "Service" && (Carried.Contains(a.Key) || a.Key == "RemoveIPC"))
                    assignments.Add(new ShellSetting(a.Key, a.Value, path));

        var left = new List<LeftOut>();
        var chosen = new List<(int At, ShellSetting Setting)>();
        var catalog = DirectiveCatalog.Load();
        foreach (var group in assignments.Select((a, at) => (At: at, A: a)).GroupBy(x => x.A.Key, StringComparer.Ordinal))
        {
            var key = group.Key;
            var values = IsList(key) ? group.ToList() : [group.Last()];
            if (!IsList(key) && values[0].A.Value.Length == 0) continue; // an empty scalar is the default
            if (key == "RemoveIPC")
            {
                left.Add(new LeftOut(key, values[0].A.Value, "when the shell exits it would delete the IPC objects of the service's user, which the running service may be using"));
                continue;
            }
            foreach (var (at, a) in values)
            {
                if (catalog.TooNew(key, a.Value, systemdVersion) is { } tooNew)
                {
                    left.Add(new LeftOut(key, a.Value, $"systemd {systemdVersion} does not know it ({tooNew})"));
                    continue;
                }
                var expanded = Specifiers.Expand(a.Value, name, out var unknown);
                if (expanded is null) left.Add(new LeftOut(key, a.Value, $"it uses the specifier %{unknown}, which HardenTui does not expand outside the unit"));
                else chosen.Add((at, a with { Value = expanded }));
            }
        }
        // In the unit's order: the manager applies them one after another, as it would the unit's lines.
        var kept = chosen.OrderBy(c => c.At).Select(c => c.Setting).ToList();

        var notes = new List<string>();
        var effective = Effective(kept);
        if (effective.TryGetValue("NoExecPaths", out var noExec) && noExec.Length > 0)
        {
            var allowed = Words(effective.GetValueOrDefault("ExecPaths", ""));
            var added = program.ExecFiles.Where(f => !allowed.Contains(f)).Distinct().ToList();
            if (added.Count > 0)
            {
                kept.Add(new ShellSetting("ExecPaths", string.Join(' ', added), Ours));
                notes.Add($"added ExecPaths={string.Join(' ', added)}: under NoExecPaths={noExec} the shell itself, its loader and its libraries " +
                          "must be executable for it to start at all; every other program outside ExecPaths= is refused, as it would be for the service");
            }
        }
        if (effective.ContainsKey("RuntimeDirectory") && !effective.ContainsKey("RuntimeDirectoryPreserve"))
        {
            kept.Add(new ShellSetting("RuntimeDirectoryPreserve", "yes", Ours));
            notes.Add($"added RuntimeDirectoryPreserve=yes: without it systemd would remove /run/{Words(effective["RuntimeDirectory"]).FirstOrDefault()} when the shell exits, under the running service");
        }
        if (Yes(effective.GetValueOrDefault("PrivateTmp")))
            notes.Add("PrivateTmp=: the shell gets a /tmp of its own, empty, not the one of the running service");
        if (effective.ContainsKey("SystemCallFilter") && !effective.ContainsKey("SystemCallErrorNumber"))
            notes.Add("SystemCallFilter= without SystemCallErrorNumber=: a system call outside the filter kills the shell (SIGSYS), as it would kill the service");
        var user = effective.GetValueOrDefault("User");
        notes.Add(Yes(effective.GetValueOrDefault("DynamicUser")) ? $"runs as a dynamic user{(user is null ? "" : $" named {user}")}, as the service would"
            : user is null ? "runs as root, as the service does (it sets no User=)" : $"runs as {user}{(effective.GetValueOrDefault("Group") is { } g ? $":{g}" : "")}, as the service does");
        return new ShellPlan(name.Value, systemdVersion, program, kept, left, notes);
    }

    /// <summary>The same plan without <paramref name="key"/>, which the running systemd refused (its words in <paramref name="why"/>).</summary>
    public ShellPlan Without(string key, string why) => this with
    {
        Settings = Settings.Where(s => s.Key != key).ToList(),
        Left = [.. Left, new LeftOut(key, string.Join(' ', Settings.Where(s => s.Key == key).Select(s => s.Value)), why)],
    };

    public bool Has(string key) => Settings.Any(s => s.Key == key);

    /// <summary>The value each key ends up with (lists joined after their last reset), for notes and previews.</summary>
    public static Dictionary<string, string> Effective(IEnumerable<ShellSetting> settings)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in settings)
            result[s.Key] = IsList(s.Key) && s.Value.Length > 0 && result.TryGetValue(s.Key, out var before) && before.Length > 0 ? before + " " + s.Value : s.Value;
        return result;
    }

    private static HashSet<string> Words(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimStart('-', '+')).ToHashSet(StringComparer.Ordinal);

    private static bool Yes(string? value) => value is "yes" or "true" or "on" or "1";
}

public static class Ldd
{
    /// <summary>
    /// The files `ldd PROGRAM` names (glibc's format: "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" and the
    /// loader as "/lib64/ld-linux-x86-64.so.2 (0x…)"); the vDSO and "not a dynamic executable" name none.
    /// </summary>
    public static IReadOnlyList<string> Files(string output)
    {
        var files = new List<string>();
        foreach (var raw in output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var line = raw;
            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            if (arrow >= 0) line = line[(arrow + 2)..].Trim();
            var paren = line.LastIndexOf(" (0x", StringComparison.Ordinal);
            if (paren >= 0) line = line[..paren].Trim();
            if (line.StartsWith('/')) files.Add(line);
        }
        return files;
    }
}
