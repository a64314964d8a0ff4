namespace HardenTui.Core.Directives;

/// <summary>The hardening levels the wizard walks through, from least to most likely to break a service.</summary>
public enum HardeningLevel
{
    ExecPaths,
    Syscalls,
    Capabilities,
    ProtectRestrict,
    Filesystem,
    Network,
    Users,
}
