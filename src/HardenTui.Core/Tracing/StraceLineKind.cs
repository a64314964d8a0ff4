namespace HardenTui.Core.Tracing;

public enum StraceLineKind
{
    /// <summary>A whole call on one line: name(args) = result.</summary>
    Call,
    /// <summary>The first half of a call interrupted by another process's output: name(args &lt;unfinished ...&gt;.</summary>
    Unfinished,
    /// <summary>The second half: &lt;... name resumed&gt;args) = result.</summary>
    Resumed,
    /// <summary>--- SIGCHLD {...} ---</summary>
    Signal,
    /// <summary>+++ exited with N +++</summary>
    Exited,
    /// <summary>+++ killed by SIGKILL +++</summary>
    Killed,
    /// <summary>Blank lines and strace's own notes (strace: Process N attached).</summary>
    Note,
    /// <summary>Anything else; counted and skipped.</summary>
    Garbage,
}
