using System.Text;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace HardenTui.Core.Tests.Tui;

/// <summary>
/// Bytes Terminal.Gui's driver writes per keystroke, against repainting the whole screen each time. The goal is a
/// fifth over a session of walks; one screen may go above it where a keystroke really changes a whole pane (the
/// levels screen's detail pane changes with every move), but never above 40 %.
/// </summary>
[Collection("terminal.gui")]
public class KeystrokeBytesTests(ITestOutputHelper output)
{
    public static TheoryData<string, string[]> Walks => new()
    {
        { "picker", ["j", "j", "k", "j", "down", "up"] },
        { "trace", ["x", "p", "c", "u", "r", "l"] },
        { "levels", ["j", "k", "j", "space", "space", "k"] },
        { "review", ["j", "j", "k", "k"] },
    };

    [Fact]
    public void Keystrokes_write_at_most_a_fifth_of_a_full_redraw()
    {
        long allDiff = 0, allFull = 0;
        foreach (var (screen, keys) in Walks.Select(row => ((string)row[0], (string[])row[1])))
        foreach (var (w, h) in new[] { (80, 24), (120, 40) })
        {
            using var tui = new TuiHarness(ScreenApprovalTests.Sample(screen, w, h));
            var driver = tui.App.Driver!.GetOutput();
            long diffBytes = 0, fullBytes = 0;
            foreach (var key in keys)
            {
                var before = driver.GetLastOutput();
                tui.Key(key);
                var after = driver.GetLastOutput();
                diffBytes += after == before ? 0 : Encoding.UTF8.GetByteCount(after); // the driver keeps its last write: unchanged means nothing was written
                tui.App.LayoutAndDraw(forceRedraw: true);
                fullBytes += Encoding.UTF8.GetByteCount(driver.GetLastOutput());
            }
            var ratio = (double)diffBytes / fullBytes;
            output.WriteLine($"{screen} {w}x{h}: {diffBytes / keys.Length} bytes per key, full redraw {fullBytes / keys.Length} ({ratio:P1})");
            ratio.ShouldBeLessThanOrEqualTo(0.40, $"{screen} at {w}x{h}");
            allDiff += diffBytes;
            allFull += fullBytes;
        }
        output.WriteLine($"all walks: {(double)allDiff / allFull:P1} of a full redraw");
        ((double)allDiff / allFull).ShouldBeLessThanOrEqualTo(0.20);
    }
}
