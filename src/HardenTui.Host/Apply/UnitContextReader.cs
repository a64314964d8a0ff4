using HardenTui.Core.Proposals;
using HardenTui.Core.Units;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Apply;

/// <summary>
/// Reads the <see cref="UnitContext"/> the resolver needs from where the unit runs: User=, Group=, PAMName=, the PAM
/// configuration (/etc/pam.d), and owner, group and mode of the directories the unit could claim as its own
/// (/var/lib/NAME, /var/cache/NAME, /var/log/NAME, /run/NAME), Type= and the running systemd's version (its Version property).
/// Through the runner, so inside the sandbox when there.
/// </summary>
public static class UnitContextReader
{
    private static readonly string[] Roots = ["/var/lib", "/var/cache", "/var/log", "/run"];

    public static async Task<UnitContext> ReadAsync(IProcessRunner runner, UnitProperties props, Observations seen, CancellationToken ct)
    {
        var version = await ManagerFacts.VersionLineAsync(runner, ct);
        var bare = new UnitContext(props.Unit, Word(props.String("User")), Word(props.String("Group")))
        {
            SystemdVersion = Core.Directives.SystemdVersions.Parse(version),
            ServiceType = Word(props.String("Type")),
        };
        var pam = await runner.RunAsync(new ProcessSpec("sh", ["-c", "grep -H '' /etc/pam.d/* 2>/dev/null; true"]), ct);
        var session = SessionService.Recognise(props.Unit, Word(props.String("PAMName")), UnitSettings.Programs(props), PamStacks.Parse(pam.Stdout), seen);
        var paths = bare.Names.SelectMany(n => Roots.Select(r => $"{r}/{n}")).ToList();
        var stat = await runner.RunAsync(new ProcessSpec("sh", ["-c", "for d; do [ -d \"$d\" ] && [ ! -L \"$d\" ] && stat -c '%n|%U|%G|%a' \"$d\"; done; true", "sh", .. paths]), ct);
        var directories = new Dictionary<string, OwnedDirectory>(StringComparer.Ordinal);
        foreach (var line in stat.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (line.Split('|') is [var path, var user, var group, var mode]) directories[path] = new OwnedDirectory(user, group, mode);
        return bare with { Session = session, Directories = directories };
    }

    private static string? Word(string? s) => s is { Length: > 0 } ? s : null;
}
