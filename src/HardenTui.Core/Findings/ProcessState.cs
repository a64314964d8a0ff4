namespace HardenTui.Core.Findings;

/// <summary>What we know of one traced process: its working directory and what its open fds point to.</summary>
internal sealed class ProcessState(Dictionary<int, string> fds, string? cwd)
{
    /// <summary>fd → path ("/usr/lib/libc.so.6") or socket family ("socket:AF_INET"); shared by CLONE_FILES threads.</summary>
    public Dictionary<int, string> Fds { get; } = fds;
    public string? Cwd { get; set; } = cwd;

    public ProcessState() : this([], null) { }

    public ProcessState Fork(bool shareFiles) => new(shareFiles ? Fds : new Dictionary<int, string>(Fds), Cwd);
}
