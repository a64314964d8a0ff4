using BenchmarkDotNet.Attributes;
using HardenTui.Core.Wizard;
using HardenTui.Tui.Terminal;
using HardenTui.Tui.Views;

namespace HardenTui.Bench.Tui;

/// <summary>
/// One frame at 120×40 of the trace screen over a large findings model (10 000 items), from model to the bytes
/// written: view, layout into rows, and the line diff against the previous frame.
/// </summary>
[MemoryDiagnoser]
public class FrameBench
{
    private static readonly TerminalTraits Traits = new(Color: true, Unicode: true, Dumb: false);
    private WizardModel _model = null!;
    private WizardModel _next = null!;
    private LineDiffRenderer _renderer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = LargeModels.Trace(120, 40, 10_000);
        _next = _model with { Trace = _model.Trace with { Elapsed = _model.Trace.Elapsed + 1 } };
        _renderer = new LineDiffRenderer();
        _renderer.Diff(Render(_model));
    }

    private static Frame Render(WizardModel m) => Frame.Render(WizardView.Render(m, Glyphs.Unicode), m.Width, m.Height, Traits);

    [Benchmark]
    public int FrameOnly() => Render(_model).Rows.Count;

    [Benchmark]
    public int FrameAndDiff()
    {
        var bytes = _renderer.Diff(Render(_next)).Length;
        (_model, _next) = (_next, _model);
        return bytes;
    }
}
