using HardenTui.Core.Export;
using HardenTui.Core.Overrides;

namespace HardenTui.Core.Tests.Export;

/// <summary>What the export tests share: a drop-in for nginx and the fingerprint of the Debian 12 sandbox it came from.</summary>
internal static class ExportSamples
{
    public static readonly DateTimeOffset WrittenAt = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // Real outputs inside the sandbox: systemctl --version, uname -r, uname -m, /etc/os-release (Debian 12).
    public const string SystemctlVersion = "systemd 252 (252.39-1~deb12u2)\n+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP\n";
    public const string OsRelease = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n" +
                                    "VERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n";

    public static readonly HostFingerprint Debian12 = HostFingerprint.FromProbes(SystemctlVersion, "6.18.44-fc-v769\n", "x86_64\n", OsRelease);

    public static readonly DropIn Nginx = new("nginx.service",
    [
        new("ProtectSystem", "strict", "the trace wrote only below /run, /var/lib/nginx and /var/log/nginx"),
        new("ReadWritePaths", "-/run -/var/lib/nginx -/var/log/nginx", "written during the trace"),
        new("ProtectHome", "yes", "no home directory was touched"),
        new("PrivateTmp", "yes", "nothing in /tmp was shared"),
        new("RestrictNamespaces", "yes", "no namespace was created"),
        new("SystemCallFilter", "@system-service", "every call seen is in @system-service"),
        new("SystemCallFilter", "~@privileged @resources", "none of these was called"),
        new("SystemCallArchitectures", "native", "a native program"),
        new("CapabilityBoundingSet", "CAP_NET_BIND_SERVICE CAP_SETUID CAP_SETGID", "binds port 80 and drops to www-data"),
        new("UMask", "0027", "logs need not be world-readable"),
        new("ProtectSystem", "full", "a later line wins for a single-valued directive"),
    ]);

    public static string NginxText => Debian12.Stamp(Nginx.Render(WrittenAt));
}
