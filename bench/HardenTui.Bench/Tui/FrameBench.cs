using BenchmarkDotNet.Attributes;
using HardenTui.Core.Wizard;
using HardenTui.Tui;
using HardenTui.Tui.AppHost;
using HardenTui.Tui.Gui;
using HardenTui.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace HardenTui.Bench.Tui;

/// <summary>
/// Keypress to frame at 120×40 on the trace screen over a large findings model (10 000 items), on Terminal.Gui's
/// ANSI driver, headless (its output buffer, not a terminal): the key goes in through Terminal.Gui's input, through
/// Core's key tables and Update, the root shows the new model, and Terminal.Gui lays out, draws and writes the
/// changed cells. A trace snapshot (the elapsed time changed) is measured the same way.
/// </summary>
[MemoryDiagnoser]
public class FrameBench
{
    private IApplication _app = null!;
    private WizardLoop _loop = null!;
    private SessionToken? _token;
    private WizardModel _model = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        _model = LargeModels.Trace(120, 40, 10_000);
        _app = Application.Create().Init(DriverRegistry.Names.ANSI);
        _app.Driver!.SetScreenSize(120, 40);
        _loop = new WizardLoop(new NoEffects(), new TerminalTraits(Color: true, Unicode: true, Dumb: false));
        _loop.Start(_model);
        var root = _loop.Attach(_app, new Theme(true), Glyphs.Unicode);
        _token = _app.Begin(root);
        _app.LayoutAndDraw();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_token is not null)
            _app.End(_token);
        _app.Dispose();
    }

    /// <summary>j and k while the trace runs: each is refused with its own status line.</summary>
    [Benchmark]
    public int KeypressToFrame()
    {
        _flip = !_flip;
        _app.InjectKey(_flip ? Key.J : Key.K);
        _loop.Drain();
        _app.LayoutAndDraw();
        return _app.Driver!.GetOutput().GetLastOutput().Length;
    }

    /// <summary>A live trace snapshot: the elapsed counter and progress bar change.</summary>
    [Benchmark]
    public int SnapshotToFrame()
    {
        _flip = !_flip;
        _loop.Post(new Msg.TraceProgress(_flip ? 13 : 12, _model.Trace.Findings));
        _loop.Drain();
        _app.LayoutAndDraw();
        return _app.Driver!.GetOutput().GetLastOutput().Length;
    }

    private sealed class NoEffects : IWizardEffects
    {
        public Task RunAsync(Cmd cmd, Action<Msg> post, CancellationToken ct) => Task.CompletedTask;

        public IReadOnlyList<string> Edit(string unit, string dropIn) => [];
    }
}
