using System.Runtime.InteropServices;

namespace HardenTui.Host.Process;

/// <summary>
/// The terminal's mode (termios of stdin) as it was before a full-screen program changed it, put back with
/// tcsetattr: what `stty sane` did after a crash, without starting a process, and exactly the user's own settings
/// rather than stty's idea of sane ones.
/// </summary>
public sealed class TerminalMode
{
    // struct termios on Linux (glibc): 4 flag words, c_line, c_cc[32], two speeds: 60 bytes; room left for other layouts.
    private const int Size = 128;
    private const int TCSANOW = 0;
    private readonly byte[] _saved;

    private TerminalMode(byte[] saved) => _saved = saved;

    /// <summary>Stdin's mode now; null when stdin is not a terminal.</summary>
    public static TerminalMode? Save()
    {
        var buffer = new byte[Size];
        return tcgetattr(0, buffer) == 0 ? new TerminalMode(buffer) : null;
    }

    /// <summary>Puts the saved mode back (at once, as `stty` does); false when the terminal refused it.</summary>
    public bool Restore() => tcsetattr(0, TCSANOW, _saved) == 0;

    [DllImport("libc", EntryPoint = "tcgetattr")]
    private static extern int tcgetattr(int fd, byte[] termios);

    [DllImport("libc", EntryPoint = "tcsetattr")]
    private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);
}
