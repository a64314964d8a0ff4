using HardenTui.Core.Wizard;

namespace HardenTui.Core.Tests.Wizard;

/// <summary>Models of every screen with data shaped like nginx in the sandbox, for update tests and approvals.</summary>
internal static class WizardSamples
{
    public static readonly IReadOnlyList<ServiceRow> Services =
    [
        new("nginx.service", "A high performance web server and a reverse proxy server", "active", 9.6, "UNSAFE", false),
        new("redis-server.service", "Advanced key-value store", "active", 4.8, "OK", true, Denials: 2),
        new("dbus.service", "D-Bus System Message Bus", "active", 9.6, "UNSAFE", false),
        new("cron.service", "Regular background program processing daemon", "active", 9.6, "UNSAFE", false),
        new("systemd-journald.service", "Journal Service", "active", 4.9, "OK", false),
        new("memcached.service", "memcached daemon", "failed", 8.1, "EXPOSED", false),
        new("systemd-timesyncd.service", "Network Time Synchronization", "inactive", 2.1, "OK", false),
        new("slow.service", "Not scored yet", "active", null, "", false),
    ];

    public static readonly UnitView Nginx = new("nginx.service", "A high performance web server and a reverse proxy server",
        "forking", "", "active", 9.6, "UNSAFE",
        [
            new("SystemCallArchitectures=", "Service may execute system calls with all ABIs", "syscalls", false, 0.2),
            new("SystemCallFilter=~@clock", "Service does not filter system calls", "syscalls", false, 0.2),
            new("MemoryDenyWriteExecute=", "Service may create writable executable memory mappings", "syscalls", false, 0.1),
            new("NoNewPrivileges=", "Service processes may acquire new privileges", "capabilities", false, 0.2),
            new("CapabilityBoundingSet=~CAP_SYS_ADMIN", "Service has administrator privileges", "capabilities", false, 0.3),
            new("AmbientCapabilities=", "Service process does not receive ambient capabilities", "capabilities", true, 0),
            new("ProtectKernelTunables=", "Service may alter kernel tunables", "Protect*/Restrict*", false, 0.2),
            new("ProtectSystem=", "Service has full access to the OS file hierarchy", "filesystem", false, 0.2),
            new("PrivateTmp=", "Service has access to other software's temporary files", "filesystem", false, 0.2),
            new("RestrictAddressFamilies=~AF_PACKET", "Service may allocate packet sockets", "network", false, 0.2),
            new("User=/DynamicUser=", "Service runs as root user", "users", false, 0.4),
        ],
        "# /lib/systemd/system/nginx.service\n[Unit]\nDescription=A high performance web server and a reverse proxy server\n\n[Service]\nType=forking\nPIDFile=/run/nginx.pid\nExecStart=/usr/sbin/nginx -g 'daemon on; master_process on;'\nPrivateTmp=no\n",
        false);

    /// <summary>
    /// nginx with the admin's own `systemctl edit` override.conf, read after our 90-hardentui.conf: it turns
    /// ProtectSystem= off, empties ReadWritePaths= and adds a socket family.
    /// </summary>
    public static readonly UnitView NginxWithOverride = Nginx with
    {
        EffectiveText = Nginx.EffectiveText + "\n# /etc/systemd/system/nginx.service.d/override.conf\n[Service]\nNice=1\nProtectSystem=false\nReadWritePaths=\nRestrictAddressFamilies=AF_NETLINK\n",
    };

    /// <summary>nginx after a hardening, with what the watch found since: one write under ProtectSystem=, one filtered call.</summary>
    public static readonly UnitView HardenedWithDenials = Nginx with
    {
        HasDropIn = true,
        Denials =
        [
            new("ProtectSystem", "/srv/www/cache/entry", "open() \"/srv/www/cache/entry\" failed (30: Read-only file system)", "ReadWritePaths=-/srv/www/cache"),
            new("CapabilityBoundingSet", "status=218/CAPABILITIES", "Main process exited, code=exited, status=218/CAPABILITIES", null),
        ],
    };

    public static readonly IReadOnlyList<LevelStep> Steps =
    [
        new("exec paths", [new("NoExecPaths", "/", true, true, "Forbid executing anything outside ExecPaths.", ["exec /usr/sbin/nginx"], 0)]),
        new("syscalls",
        [
            new("SystemCallFilter", "@system-service", true, true, "Allow only the system calls of these groups.", ["412 calls in @system-service", "no @privileged call seen"], 2.0),
            new("SystemCallArchitectures", "native", true, true, "Only the native ABI.", [], 0.2),
            new("MemoryDenyWriteExecute", "yes", false, false, "No writable and executable memory.", ["mprotect PROT_EXEC seen in libpcre2-8.so.0 (JIT)"], 0.1),
        ]),
        new("capabilities", [new("CapabilityBoundingSet", "CAP_NET_BIND_SERVICE CAP_SETUID CAP_SETGID", true, true, "Capabilities the service may keep.", ["bind :80 (needs CAP_NET_BIND_SERVICE)", "setuid(33)"], 1.9)]),
        new("Protect*/Restrict*", [new("ProtectKernelTunables", "yes", true, false, "Read-only /proc/sys and /sys.", [], 0.2)]),
        new("filesystem",
        [
            new("ProtectSystem", "strict", true, false, "The OS tree read-only.", ["writes only below /var/log/nginx, /run"], 0.2),
            new("ReadWritePaths", "/var/log/nginx /run", true, true, "Where it still writes.", ["open /var/log/nginx/access.log O_WRONLY"], 0),
        ]),
        new("network", [new("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX", true, true, "Socket families it uses.", ["socket(AF_INET6, SOCK_STREAM)"], 0.2)]),
        new("users", []),
    ];

    public static readonly FindingsView Findings = new(
        [new("epoll_wait", 1200, false), new("read", 840, false), new("openat", 512, false), new("accept4", 120, true), new("sendfile", 96, true), new("mmap", 60, false)],
        [new("/usr/sbin/nginx", false), new("/usr/lib/x86_64-linux-gnu/libpcre2-8.so.0", false), new("/usr/lib/x86_64-linux-gnu/libssl.so.3", true)],
        [new("/var/log/nginx/access.log", true), new("/run/nginx.pid", false)],
        [new("AF_INET6 stream listen :80", false), new("AF_UNIX dgram /dev/log", true)],
        [new("CAP_NET_BIND_SERVICE", false), new("CAP_SETUID", false)],
        2828);

    public static WizardModel Picker(int w, int h) =>
        WizardModel.Start(true, w, h) with { Picker = PickerState.Initial with { Services = Services, Loading = false } };

    public static WizardModel Overview(int w, int h) => Picker(w, h) with { Screen = Screen.Overview, Unit = Nginx };

    public static WizardModel Trace(int w, int h) => Overview(w, h) with
    {
        Screen = Screen.Trace,
        Trace = TraceState.Initial with
        {
            Methods = [new("strace", "wrap the service's commands in strace -f", null), new("audit", "execve via the audit log", "auditctl is not installed")],
            Probe = "curl -fsS http://localhost/",
            Running = true,
            Elapsed = 12,
            Findings = Findings,
        },
    };

    public static WizardModel Levels(int w, int h) => Overview(w, h) with
    {
        Screen = Screen.Levels,
        Levels = LevelsState.Initial with { Steps = Steps, Step = 1, ExposureAfter = 4.2 },
    };

    public static WizardModel Review(int w, int h) => Levels(w, h) with { Screen = Screen.Review };

    public static WizardModel ApplyFailed(int w, int h) => Review(w, h) with
    {
        Screen = Screen.Apply,
        Apply = ApplyState.Initial with
        {
            Steps =
            [
                new("write", StepStatus.Done, "/etc/systemd/system/nginx.service.d/90-hardentui.conf"),
                new("daemon-reload", StepStatus.Done, ""),
                new("restart", StepStatus.Done, ""),
                new("settle", StepStatus.Failed, "nginx.service is failed (exit-code) after the restart"),
                new("probe", StepStatus.Skipped, ""),
                new("journal scan", StepStatus.Failed, "203/EXEC: nginx.service: Failed to execute /usr/sbin/nginx"),
                new("rollback", StepStatus.Done, "previous state restored and restarted"),
            ],
            Failed = true,
            RolledBack = true,
            Bisecting = true,
            BisectTried = 3,
            BisectTotal = 8,
        },
    };
}
