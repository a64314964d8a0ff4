using System.Text;

namespace HardenTui.Core.Tracing;

/// <summary>
/// One parsed line of strace output, as slices of the original bytes (no copies). Name is the syscall, the
/// signal (SIGCHLD) or, for exits, empty; Args is the text between the parentheses (the part present on this
/// line for unfinished/resumed halves); Result is what follows " = ", or the exit status / killing signal.
/// </summary>
public readonly ref struct StraceLine(StraceLineKind kind, int pid, ReadOnlySpan<byte> name, ReadOnlySpan<byte> args,
    ReadOnlySpan<byte> result, ReadOnlySpan<byte> text)
{
    public StraceLineKind Kind { get; } = kind;
    /// <summary>The pid prefix (with -f or -p), or 0 when the log has none.</summary>
    public int Pid { get; } = pid;
    public ReadOnlySpan<byte> Name { get; } = name;
    public ReadOnlySpan<byte> Args { get; } = args;
    public ReadOnlySpan<byte> Result { get; } = result;
    public ReadOnlySpan<byte> Text { get; } = text;

    /// <summary>True when this line starts a call (whole or unfinished): what "calls started" counts.</summary>
    public bool StartsCall => Kind is StraceLineKind.Call or StraceLineKind.Unfinished;

    public string NameText => Encoding.ASCII.GetString(Name);
    public string ArgsText => Encoding.UTF8.GetString(Args);
    public string ResultText => Encoding.UTF8.GetString(Result);
    public override string ToString() => Encoding.UTF8.GetString(Text);
}
