using System.Text.RegularExpressions;
using Shouldly;

namespace HardenTui.Host.Tests.Tui;

/// <summary>A tmux session inside the sandbox, driven as a user at a terminal would: keys in, the screen read back.</summary>
internal sealed class TmuxScreen(BootedSandbox sandbox, string session)
{
    public Task Keys(params string[] keys) => sandbox.ShAsync($"tmux send-keys -t {session} {string.Join(' ', keys)}");

    /// <summary>Literal text (no key names), e.g. "!" or a command line.</summary>
    public Task Type(string text) => sandbox.ShAsync($"tmux send-keys -t {session} -l '{text}'");

    /// <summary>What the terminal shows now, row by row.</summary>
    public Task<string> CaptureAsync() => sandbox.ShAsync($"tmux capture-pane -t {session} -p");

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
        await sandbox.ShAsync($"tmux send-keys -t {session} -l \"$(printf '\\033[<0;{x + 1};{y + 1}M')\"; tmux send-keys -t {session} -l \"$(printf '\\033[<0;{x + 1};{y + 1}m')\"");
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
