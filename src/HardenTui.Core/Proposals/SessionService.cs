namespace HardenTui.Core.Proposals;

/// <summary>
/// A service whose children are other users' sessions or jobs (sshd, getty/login, cron, atd, user@): every
/// process of every session inherits the service's namespaces, seccomp filter, bounding set and no-new-privileges,
/// so hardening the daemon hardens — and can lock out — the admins who log in through it.
/// <see cref="Evidence"/> says how it was recognised (PAM session stack, PAMName=, the trace, the name);
/// <see cref="SessionsLeaveTheCgroup"/>: pam_systemd is in its session stack, so logind moves each session into a
/// scope of its own and directives enforced on the unit's cgroup (DevicePolicy=, IPAddressDeny=) stay with the daemon.
/// </summary>
public sealed record SessionService(string Unit, IReadOnlyList<string> Evidence, bool SessionsLeaveTheCgroup)
{
    // A hint only: program → the PAM service its sessions go through.
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["sshd"] = "sshd", ["dropbear"] = "sshd", ["agetty"] = "login", ["getty"] = "login", ["mingetty"] = "login",
        ["login"] = "login", ["cron"] = "cron", ["crond"] = "crond", ["atd"] = "atd", ["anacron"] = "cron",
        ["gdm3"] = "gdm-password", ["gdm"] = "gdm-password", ["lightdm"] = "lightdm", ["sddm"] = "sddm",
        ["xrdp-sesman"] = "xrdp-sesman", ["in.telnetd"] = "login", ["systemd-run"] = "systemd-user",
    };

    private static readonly string[] UserSwitches = ["setuid", "setresuid", "setreuid", "setgid", "setresgid", "setregid", "setgroups", "initgroups"];

    /// <summary>Files only a login shell reads at start-up (bash(1), dash(1) INVOCATION; zsh(1) STARTUP/SHUTDOWN FILES).</summary>
    public static bool IsShellStartup(string path) =>
        path is "/etc/profile" or "/etc/bash.bashrc" or "/etc/bashrc" or "/etc/environment" or "/etc/zsh/zprofile" or "/etc/zsh/zshrc"
            or "/etc/zprofile" or "/etc/zshrc" or "/etc/zsh/zshenv" or "/etc/zshenv" or "/etc/zlogin" or "/etc/zsh/zlogin"
        || RuleKit.IsUnder(path, "/etc/profile.d")
        || Path.GetFileName(path) is ".profile" or ".bashrc" or ".bash_profile" or ".bash_login" or ".zshrc" or ".zprofile" or ".zlogin" or ".cshrc" or ".login"
            or ".hushlogin" or ".bash_logout";

    /// <summary>Reads of login-shell start-up files in the trace: a login happened while it ran.</summary>
    public static IReadOnlyList<ObservedItem> LoginShellReads(Observations seen) =>
        seen.Where("pathRead", IsShellStartup).Concat(seen.Where("pathCreated", IsShellStartup)).ToList();

    /// <param name="pamName">The unit's PAMName= (user@.service: systemd-user), or null.</param>
    /// <param name="programs">The unit's Exec*= programs.</param>
    public static SessionService? Recognise(string unit, string? pamName, IReadOnlyList<string> programs, PamStacks pam, Observations seen)
    {
        var evidence = new List<string>();
        var services = new List<string>();
        if (pamName is { Length: > 0 })
        {
            services.Add(pamName);
            evidence.Add($"the unit opens a PAM session itself (PAMName={pamName})");
        }
        foreach (var program in programs.Select(Path.GetFileName).OfType<string>().Distinct())
        {
            var candidates = new[] { program, Known.GetValueOrDefault(program) }.OfType<string>().Distinct();
            foreach (var service in candidates.Where(pam.Has))
                if (pam.SessionModules(service) is { Count: > 0 } modules)
                {
                    services.Add(service);
                    evidence.Add($"{program} has a PAM session stack: /etc/pam.d/{service} ({string.Join(", ", modules.Take(5))}{(modules.Count > 5 ? ", …" : "")})");
                }
            if (Known.ContainsKey(program) && services.Count == 0)
                evidence.Add($"{program} is known to start other users' sessions or jobs");
        }
        var switches = seen.Where("syscall", UserSwitches.Contains).ToList();
        var logins = LoginShellReads(seen);
        if (switches.Count > 0 && logins.Count > 0)
            evidence.Add($"the trace shows a switch of user ({string.Join(", ", switches.Select(s => s.Key + "()"))}) and a login shell's start-up ({logins[0].Key})");
        if (evidence.Count == 0) return null;
        var leave = services.Distinct().Any(s => pam.SessionModules(s).Contains("pam_systemd.so"));
        return new SessionService(unit, evidence, leave);
    }
}
