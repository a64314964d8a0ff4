namespace HardenTui.Core.Findings;

/// <summary>What a finding is about; each kind is one list of items in <see cref="Findings"/>.</summary>
public enum FindingKind
{
    Syscall,
    ExecutedFile,
    /// <summary>ELF loaders (PT_INTERP) and #! interpreters of executed files.</summary>
    Interpreter,
    /// <summary>Files mapped with PROT_EXEC (shared libraries, plugins).</summary>
    ExecMappedFile,
    Capability,
    PathRead,
    PathWritten,
    PathCreated,
    SocketFamily,
    BoundAddress,
    Namespace,
    Mount,
    Clock,
    Hostname,
    Keyring,
    Personality,
    Realtime,
    /// <summary>Writable and executable memory (W+X mmap/mprotect) and PROT_EXEC mprotect.</summary>
    WriteExecute,
    /// <summary>Calls that failed with EPERM or EACCES.</summary>
    Denied,
}
