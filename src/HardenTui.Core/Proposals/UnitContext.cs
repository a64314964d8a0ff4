namespace HardenTui.Core.Proposals;

/// <summary>
/// What the resolver knows of the unit beyond the trace and its hardening: its name, who it runs as, the owners of
/// the directories it may claim as its own (StateDirectory= and friends keep ownership only when they match), and
/// whether it starts other users' sessions (<see cref="SessionService"/>).
/// </summary>
public sealed record UnitContext(string Unit, string? User = null, string? Group = null, SessionService? Session = null,
    IReadOnlyDictionary<string, OwnedDirectory>? Directories = null)
{
    /// <summary>The major version of the systemd that runs the unit: nothing newer is proposed (null: 252).</summary>
    public int? SystemdVersion { get; init; }

    /// <summary>The unit's Type= (simple, forking, notify, …), when known.</summary>
    public string? ServiceType { get; init; }

    /// <summary>The mounts the service sees (its /proc/PID/mountinfo), so each traced path has a file system type; null: unknown.</summary>
    public MountTable? Mounts { get; init; }

    /// <summary>Whether RestrictFileSystems= takes effect where the unit runs (BPF LSM and systemd's BPF support); null: unknown.</summary>
    public Enforcement? FileSystemRestriction { get; init; }

    /// <summary>The names a directory of the service's own may carry: the unit's (redis-server), and its first word (redis).</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var name = Unit.EndsWith(".service", StringComparison.Ordinal) ? Unit[..^8] : Unit;
            name = name.Split('@')[0];
            var first = name.Split('-')[0];
            return first.Length > 0 && first != name ? [name, first] : [name];
        }
    }

    /// <summary>The user and group systemd gives an exec directory: User=/Group= (root, or the user's own group).</summary>
    public (string User, string Group) Owner => (User ?? "root", Group ?? User ?? "root");
}

/// <summary>A directory's owner, group and octal mode as stat(1) shows them (%U %G %a).</summary>
public sealed record OwnedDirectory(string User, string Group, string Mode);

/// <summary>Whether a setting the kernel must support is enforced where the unit runs, and the fact that says so.</summary>
public sealed record Enforcement(bool Enforced, string Why);
