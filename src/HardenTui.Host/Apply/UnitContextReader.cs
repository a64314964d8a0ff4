using HardenTui.Core.Proposals;
using HardenTui.Core.Units;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Apply;

/// <summary>
/// Reads the <see cref="UnitContext"/> the resolver needs from where the unit runs: User=, Group=, PAMName=, the PAM
/// configuration (/etc/pam.d), and owner, group and mode of the directories the unit could claim as its own
/// (/var/lib/NAME, /var/cache/NAME, /var/log/NAME, /run/NAME), Type= and the running systemd's version (its Version property),
/// the service's mount table (/proc/MAINPID/mountinfo, else PID 1's) and whether RestrictFileSystems= is enforced there.
/// Through the runner, so inside the sandbox when there.
/// </summary>
public static class UnitContextReader
{
    private static readonly string[] Roots = ["/var/lib", "/var/cache", "/var/log", "/run"];

    public static async Task<UnitContext> ReadAsync(IProcessRunner runner, UnitProperties props, Observations seen, CancellationToken ct)
    {
        var version = await ManagerFacts.VersionLineAsync(runner, ct);
        var pid = props.Number("MainPID") is > 0 and var main ? main : 1;
        var mountinfo = await runner.RunAsync(new ProcessSpec("sh", ["-c", "cat /proc/$1/mountinfo 2>/dev/null || cat /proc/1/mountinfo", "sh", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]), ct);
        var bare = new UnitContext(props.Unit, Word(props.String("User")), Word(props.String("Group")))
        {
            SystemdVersion = Core.Directives.SystemdVersions.Parse(version),
            ServiceType = Word(props.String("Type")),
            Mounts = mountinfo.Ok ? MountTable.Parse(mountinfo.Stdout) : null,
            FileSystemRestriction = await FileSystemRestrictionAsync(runner, await FeaturesAsync(runner, ct), ct),
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

    /// <summary>The running manager's compile-time features ("+PAM … -BPF_FRAMEWORK …"), its Features property.</summary>
    private static async Task<string> FeaturesAsync(IProcessRunner runner, CancellationToken ct)
    {
        using var systemd = DbusSystemd.For(runner);
        return await systemd.GetManagerStringAsync("Features", ct);
    }

    /// <summary>
    /// Whether RestrictFileSystems= takes effect: systemd built with BPF (`+BPF_FRAMEWORK`), the kernel's BPF LSM active
    /// (/sys/kernel/security/lsm lists bpf), and then the proof: a transient unit denied proc cannot read /proc.
    /// </summary>
    public static async Task<Enforcement?> FileSystemRestrictionAsync(IProcessRunner runner, string features, CancellationToken ct)
    {
        if (!features.Contains("+BPF_FRAMEWORK", StringComparison.Ordinal))
            return new Enforcement(false, "this systemd is built without BPF (its features say -BPF_FRAMEWORK), so it never loads the BPF LSM program");
        var lsm = await runner.RunAsync(new ProcessSpec("cat", ["/sys/kernel/security/lsm"]), ct);
        if (!lsm.Ok)
            return new Enforcement(false, "there is no /sys/kernel/security/lsm where systemd runs (securityfs not mounted, as in a container), so systemd finds no BPF LSM");
        var active = lsm.Stdout.Trim();
        if (!active.Split(',').Contains("bpf"))
            return new Enforcement(false, $"the kernel's active LSMs are {active}, without bpf (boot with lsm={active},bpf)");
        var probe = await runner.RunAsync(new ProcessSpec("systemd-run", ["--wait", "--quiet", "--pipe", "--collect", "-p", "RestrictFileSystems=~proc", "cat", "/proc/version"],
            Timeout: TimeSpan.FromSeconds(30)), ct);
        if (probe.Ok)
            return new Enforcement(false, $"the kernel lists bpf among its LSMs ({active}), but a test unit with RestrictFileSystems=~proc still read /proc: systemd did not set the BPF LSM program up");
        // Only cat's own refusal proves it; systemd-run failing for another reason (no permission) leaves it unknown.
        return probe.Stderr.Contains("/proc/version: Operation not permitted", StringComparison.Ordinal)
            ? new Enforcement(true, $"the kernel's BPF LSM is active ({active}) and a test unit with RestrictFileSystems=~proc could not read /proc")
            : null;
    }

    private static string? Word(string? s) => s is { Length: > 0 } ? s : null;
}
