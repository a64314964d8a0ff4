// The loop, where model, views, terminal and machine meet. One thread owns the model: it takes a message from the
// inbox (keys from the key thread, resizes from SIGWINCH, results of commands), updates, drains whatever else is
// waiting (so a burst of trace snapshots costs one frame), renders one frame and writes only the changed rows.
// Commands run on the thread pool and post their results back; only $EDITOR runs on the loop, because it needs
// the terminal.
using System.Threading.Channels;
using HardenTui.Core.Wizard;
using HardenTui.Tui.Terminal;
using HardenTui.Tui.Views;

namespace HardenTui.Tui.AppHost;

internal sealed class WizardLoop(IWizardEffects effects, TerminalTraits traits)
{
    private readonly Channel<Msg> _inbox = Channel.CreateUnbounded<Msg>();
    private readonly List<Task> _running = [];

    public async Task<int> RunAsync(string? unit, bool isRoot, CancellationToken ct)
    {
        var glyphs = Glyphs.For(traits.Unicode);
        var renderer = new LineDiffRenderer();
        using var session = TerminalSession.Open();
        using var keys = new KeySource(k => Post(new Msg.Key(k)));
        using var resize = new ResizeWatcher((w, h) => Post(new Msg.Resized(w, h)));
        var (model, first) = WizardUpdate.Init(isRoot, Console.WindowWidth, Console.WindowHeight, unit);
        void Draw() => session.Write(renderer.Diff(Frame.Render(WizardView.Render(model, glyphs), model.Width, model.Height, traits)));
        void Run(Cmd? cmd)
        {
            switch (cmd)
            {
                case null:
                    return;
                case Cmd.Batch b:
                    foreach (var c in b.Commands)
                        Run(c);
                    return;
                case Cmd.OpenEditor e:
                    keys.Paused = true;
                    IReadOnlyList<string> lines = [];
                    session.Suspend(() => lines = effects.Edit(e.Unit, e.DropIn));
                    keys.Paused = false;
                    renderer.Invalidate();
                    Post(new Msg.EditorReturned(lines));
                    return;
                default:
                    _running.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await effects.RunAsync(cmd, Post, ct);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            Post(new Msg.Failed(ex.Message.ReplaceLineEndings(" ")));
                        }
                    }, ct));
                    return;
            }
        }

        Draw();
        Run(first);
        while (!model.Quit)
        {
            var msg = await _inbox.Reader.ReadAsync(ct);
            do
            {
                if (msg is Msg.Resized)
                    renderer.Invalidate();
                (model, var next) = WizardUpdate.Update(model, msg);
                Run(next);
            }
            while (!model.Quit && _inbox.Reader.TryRead(out msg));
            Draw();
        }
        // Cmd.Quit stops a running trace and restores its unit; give it time to finish before the terminal is restored.
        await Task.WhenAny(Task.WhenAll(_running), Task.Delay(TimeSpan.FromSeconds(15), CancellationToken.None));
        return 0;
    }

    private void Post(Msg msg) => _inbox.Writer.TryWrite(msg);
}
