namespace HardenTui.Host.Process;

/// <summary>A command to run: the program, its arguments (never joined into a shell string), optional stdin and timeout.</summary>
public sealed record ProcessSpec(string File, IReadOnlyList<string> Args, string? Stdin = null, TimeSpan? Timeout = null)
{
    public static ProcessSpec Of(string file, params string[] args) => new(file, args);

    public override string ToString() => string.Join(' ', new[] { File }.Concat(Args));
}
