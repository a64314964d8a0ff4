namespace HardenTui.Core.Profiles;

/// <summary>
/// Where a profile is known to work: the oldest systemd it needs and the architectures it was learned on
/// (systemd's names, as its Manager's Architecture property and ConditionArchitecture= use them). An empty
/// list means any architecture.
/// </summary>
public sealed record ProfileConditions(int? MinSystemd, IReadOnlyList<string> Architectures)
{
    public static readonly ProfileConditions None = new(null, []);

    /// <summary>
    /// Architecture names systemd knows (src/basic/architecture.h, v252, architecture_to_string); a profile
    /// naming another one is a typo.
    /// </summary>
    public static readonly IReadOnlyList<string> KnownArchitectures =
    [
        "x86", "x86-64", "ppc", "ppc-le", "ppc64", "ppc64-le", "ia64", "parisc", "parisc64", "s390", "s390x",
        "sparc", "sparc64", "mips", "mips-le", "mips64", "mips64-le", "alpha", "arm", "arm-be", "arm64", "arm64-be",
        "sh", "sh64", "m68k", "tilegx", "cris", "nios2", "riscv32", "riscv64", "arc", "arc-be", "loongarch64",
    ];

    /// <summary>Why the conditions do not hold on a machine with this systemd version and architecture; empty when they do.</summary>
    public IReadOnlyList<string> Unmet(int systemdVersion, string architecture)
    {
        var unmet = new List<string>();
        if (MinSystemd is { } min && systemdVersion < min)
            unmet.Add($"needs systemd {min} or newer, this machine has {systemdVersion}");
        if (Architectures.Count > 0 && !Architectures.Contains(architecture, StringComparer.Ordinal))
            unmet.Add($"is for {string.Join(", ", Architectures)}, this machine is {architecture}");
        return unmet;
    }
}
