using System.Text.RegularExpressions;
using Shouldly;

namespace HardenTui.Host.Tests.Tui;

/// <summary>
/// A tmux session inside the sandbox, driven as a user at a terminal would: keys in, the screen read back. Each screen
/// has a tmux server of its own (`-L`, a socket name used once): with one server shared by the tests of a sandbox, a
/// test's `kill-session` of the last session makes the server exit while the next test's `new-session` may already be
/// talking to it ("server exited unexpectedly", or the session gone a moment later: a CI failure); an inherited
/// $TMUX is ignored too.
/// </summary>
internal sealed class TmuxScreen(BootedSandbox sandbox, string session)
{
    /// <summary>tmux talking to this screen's own server, for commands the methods here do not cover.</summary>
    public string Tmux { get; } = $"tmux -L {session}-{Guid.NewGuid():N}";

    /// <summary>Starts the session running <paramref name="command"/> (a shell command line) in a new server and waits until it is there.</summary>
    public async Task StartAsync(int columns, int rows, string command)
    {
        await sandbox.ShAsync($"{Tmux} new-session -d -s {session} -x {columns} -y {rows} {ShellQuote(command)}");
        var seen = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            seen = await sandbox.ShAsync($"{Tmux} has-session -t {session} 2>&1 && echo up || true");
            if (seen.Trim() == "up") return;
        }
        throw new InvalidOperationException($"the tmux session {session} did not stay up: {seen.Trim()}");
    }

    /// <summary>A shell command that ends this screen's server (for finally blocks, with whatever else they clean).</summary>
    public string KillCommand => $"{Tmux} kill-server 2>/dev/null";

    public Task Keys(params string[] keys) => sandbox.ShAsync($"{Tmux} send-keys -t {session} {string.Join(' ', keys)}");

    /// <summary>Literal text (no key names), e.g. "!" or a command line.</summary>
    public Task Type(string text) => sandbox.ShAsync($"{Tmux} send-keys -t {session} -l '{text}'");

    /// <summary>What the terminal shows now, row by row.</summary>
    public Task<string> CaptureAsync() => sandbox.ShAsync($"{Tmux} capture-pane -t {session} -p");

    /// <summary>tmux's format <paramref name="format"/> (e.g. "#{alternate_on}") for the pane, now.</summary>
    public Task<string> DisplayAsync(string format) => sandbox.ShAsync($"{Tmux} display -p -t {session} {ShellQuote(format)}");

    private static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>
    /// A left click at the first cell of <paramref name="text"/> on screen, sent as a terminal sends it: SGR mouse
    /// press and release reports (1-based), raw bytes into the pane.
    /// </summary>
    public async Task ClickAsync(string text)
    {
        var rows = (await CaptureAsync()).Split('\n');
        var y = Array.FindIndex(rows, r => r.Contains(text, StringComparison.Ordinal));
        y.ShouldBeGreaterThanOrEqualTo(0, $"'{text}' is not on screen");
        var x = rows[y].IndexOf(text, StringComparison.Ordinal) + 1;
        await sandbox.ShAsync($"{Tmux} send-keys -t {session} -l \"$(printf '\\033[<0;{x + 1};{y + 1}M')\"; {Tmux} send-keys -t {session} -l \"$(printf '\\033[<0;{x + 1};{y + 1}m')\"");
    }

    /// <summary>The screen once it matches <paramref name="pattern"/>; a timeout shows the last screen seen.</summary>
    public async Task<string> WaitForAsync(string pattern, int seconds)
    {
        var screen = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            screen = await CaptureAsync();
            if (Regex.IsMatch(screen, pattern))
                return screen;
        }
        throw new TimeoutException($"no /{pattern}/ on screen after {seconds} s:\n{screen}");
    }
}
