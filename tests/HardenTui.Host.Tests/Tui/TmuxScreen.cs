using System.Text.RegularExpressions;

namespace HardenTui.Host.Tests.Tui;

/// <summary>A tmux session inside the sandbox, driven as a user at a terminal would: keys in, the screen read back.</summary>
internal sealed class TmuxScreen(BootedSandbox sandbox, string session)
{
    public Task Keys(params string[] keys) => sandbox.ShAsync($"tmux send-keys -t {session} {string.Join(' ', keys)}");

    /// <summary>Literal text (no key names), e.g. "!" or a command line.</summary>
    public Task Type(string text) => sandbox.ShAsync($"tmux send-keys -t {session} -l '{text}'");

    /// <summary>The screen once it matches <paramref name="pattern"/>; a timeout shows the last screen seen.</summary>
    public async Task<string> WaitForAsync(string pattern, int seconds)
    {
        var screen = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            screen = await sandbox.ShAsync($"tmux capture-pane -t {session} -p");
            if (Regex.IsMatch(screen, pattern))
                return screen;
        }
        throw new TimeoutException($"no /{pattern}/ on screen after {seconds} s:\n{screen}");
    }
}
