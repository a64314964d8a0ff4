using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Tui;

/// <summary>
/// The picker following the sandbox's real systemd through the wizard itself (tmux, the real D-Bus client): while it
/// is open, a unit started with systemd-run appears, its state changes to failed when it fails, and it goes when
/// systemd forgets it (reset-failed unloads a transient unit). No key is pressed between the changes.
/// </summary>
[Collection("sandbox")]
public class PickerLiveInTmuxTests(SandboxFixture sandbox)
{
    private const string Session = "dbus-picker";
    private const string Unit = "dbuslive-probe";

    /// <summary>The unit's row in the list (not the filter line above it), with the given STATE.</summary>
    private static string Row(string state) => $@"(?m)^[^/\n]{{0,3}}{Unit}\s+{state}";

    [Fact]
    public async Task A_unit_appears_changes_and_goes_while_the_picker_is_open()
    {
        var app = typeof(HardenTui.Cli.CliApp).Assembly.Location;
        var dotnet = Environment.ProcessPath!;
        var screen = new TmuxScreen(sandbox, Session);
        await sandbox.ShAsync($"systemctl reset-failed {Unit}.service 2>/dev/null; true");
        await screen.StartAsync(120, 30, $"{dotnet} {app}; sleep 60");
        try
        {
            await screen.WaitForAsync(@"\d+ services, worst first", 60);
            await screen.Keys("/");
            await screen.Type(Unit);
            await screen.Keys("Enter");
            (await screen.WaitForAsync($@"/{Unit}\s+0 of \d+", 10)).ShouldNotMatch(Row(""));

            // Appears: a transient service that runs for 4 s, then fails (exit 3).
            await sandbox.ShAsync($"systemd-run --unit={Unit} --description='picker live test' sh -c 'sleep 4; exit 3'");
            (await screen.WaitForAsync(Row("(activating|active)"), 20)).ShouldContain("picker live test");
            // Changes: failed, and still listed (a failed unit stays loaded).
            await screen.WaitForAsync(Row("failed"), 20);
            // Goes: reset-failed lets systemd unload it.
            await sandbox.ShAsync($"systemctl reset-failed {Unit}.service");
            (await screen.WaitForAsync($@"/{Unit}\s+0 of \d+", 20)).ShouldNotMatch(Row(""));
        }
        finally
        {
            await sandbox.ShAsync($"{screen.KillCommand}; systemctl stop {Unit}.service 2>/dev/null; systemctl reset-failed {Unit}.service 2>/dev/null; true");
        }
    }
}
