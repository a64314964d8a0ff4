// The loop, where model, views, terminal and machine meet. Terminal.Gui owns the terminal and its main loop; the
// model lives here and changes only on Terminal.Gui's UI thread: keys (through Core's key tables), mouse clicks and
// text edits (as Core messages) and the results of commands all go through one inbox that is drained on the UI
// thread, so a burst of trace snapshots costs one frame. Commands run on the thread pool and post their results
// back. $EDITOR and the shell in the unit's sandbox need the terminal: the Terminal.Gui application is stopped and
// disposed (which restores the terminal), the program runs, and a new application comes up on the same model,
// where the user left.
using System.Collections.Concurrent;
using HardenTui.Core.Wizard;
using HardenTui.Tui.Gui;
using HardenTui.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace HardenTui.Tui.AppHost;

internal sealed class WizardLoop(IWizardEffects effects, TerminalTraits traits)
{
    private readonly ConcurrentQueue<Msg> _inbox = new();
    private readonly List<Task> _running = [];
    private readonly Lock _appLock = new();
    private WizardModel _model = null!;
    private IApplication? _app;
    private WizardRoot? _root;
    /// <summary>A program that needs the terminal (set by a command, run between two applications); its result is a message.</summary>
    private Func<Msg>? _handover;
    private CancellationToken _ct;

    public WizardModel Model => _model;

    /// <param name="quit">Cancelled from outside (SIGTERM, SIGHUP, SIGINT): the wizard quits as after a confirmed `q` (a running trace
    /// is stopped and its unit restored, the terminal given back).</param>
    public async Task<int> RunAsync(string? unit, bool isRoot, CancellationToken ct, CancellationToken quit = default)
    {
        _ct = ct;
        using var onQuit = quit.Register(() =>
        {
            Post(new Msg.ConfirmQuit());
            _ = EndIfStuckAsync();
        });
        var glyphs = Glyphs.For(traits.Unicode);
        var theme = new Theme(traits.Color);
        var started = false;
        using var restore = CrashRestore.Install();
        while (true)
        {
            using (var app = NewApplication())
            {
                var size = app.Screen.Size;
                if (!started)
                {
                    (_model, var first) = WizardUpdate.Init(isRoot, size.Width, size.Height, unit);
                    started = true;
                    Run(first);
                }
                else
                {
                    _model = WizardUpdate.Update(_model, new Msg.Resized(size.Width, size.Height)).Model;
                }
                using var root = Attach(app, theme, glyphs);
                CrashRestore.Active = true;
                app.Invoke(Drain);
                app.Run(root);
                CrashRestore.Active = false;
                lock (_appLock)
                {
                    _app = null;
                    _root = null;
                }
            }
            if (_handover is { } handover && !_model.Quit)
            {
                _handover = null;
                _inbox.Enqueue(handover());
                continue;
            }
            break;
        }
        // Cmd.Quit stops a running trace and restores its unit; give it time to finish.
        await Task.WhenAny(Task.WhenAll(_running), Task.Delay(TimeSpan.FromSeconds(15), CancellationToken.None));
        return 0;
    }

    /// <summary>
    /// After a quit from outside the process must end even where the terminal is gone (SIGHUP: the SSH connection
    /// dropped): Terminal.Gui's shutdown then waits on the dead terminal for good (seen: the trace stopped and nginx
    /// restored, the process still there minutes later). Once the quit's own work (a trace stopped, its unit restored)
    /// is done and the normal way out has had a few seconds, the process ends with 128+SIGHUP.
    /// </summary>
    private async Task EndIfStuckAsync()
    {
        for (var i = 0; i < 300 && !_model.Quit; i++) await Task.Delay(100, CancellationToken.None);
        Task[] running;
        lock (_appLock) running = [.. _running];
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(TimeSpan.FromSeconds(90), CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
        Environment.Exit(129);
    }

    /// <summary>
    /// A Terminal.Gui application on its ANSI driver, with Terminal.Gui's configuration (themes, glyphs, key bindings)
    /// applied first: the native build leaves that to us (see <see cref="TerminalGuiConfiguration"/>).
    /// </summary>
    public static IApplication NewApplication()
    {
        TerminalGuiConfiguration.Apply();
        return Application.Create().Init(DriverRegistry.Names.ANSI);
    }

    /// <summary>Builds the root for an initialised application and wires keys, resizes and the inbox to it.</summary>
    public WizardRoot Attach(IApplication app, Theme theme, Glyphs glyphs)
    {
        var root = new WizardRoot(theme, glyphs, Post);
        // The theme's colours are the terminal's 16 named ones: sent as palette codes (SGR 31, 32, ...) on every
        // depth, they are the user's own red and green, as before; Terminal.Gui would send its RGB guesses instead.
        app.Driver!.Force16Colors = true;
        app.Keyboard.KeyDown += (_, key) => OnKey(key);
        app.ScreenChanged += (_, e) => Post(new Msg.Resized(e.Value.Width, e.Value.Height));
        app.Iteration += (_, _) => CrashRestore.ParkIfDying();
        lock (_appLock)
        {
            _app = app;
            _root = root;
        }
        root.Show(_model);
        return root;
    }

    /// <summary>Starts with this model (tests and benchmarks; the real run starts from <see cref="WizardUpdate.Init"/>).</summary>
    public void Start(WizardModel model) => _model = model;

    /// <summary>
    /// Every key goes to Core's key tables first, whatever view has focus, so single letters reach our bindings on
    /// every screen. While a text field is being typed into, it keeps the keys the tables leave to it (letters,
    /// cursor keys, Home/End, word delete, paste); keys bound nowhere stay Terminal.Gui's (F5 redraws, Ctrl+Z
    /// suspends), except Esc, which would otherwise stop the application behind the model's back.
    /// </summary>
    private void OnKey(Key key)
    {
        if (_root is not { } root || KeyInput.From(key) is not { } press)
            return;
        if (root.Typing && press.Name is not ("enter" or "esc" or "up" or "down"))
            return;
        var (msg, refusal) = KeyDispatch.Resolve(_model, press);
        if (msg is null && refusal is null && press.Name != "esc")
            return;
        key.Handled = true;
        Post(new Msg.Key(press));
    }

    /// <summary>Queues a message from any thread; it is applied on the UI thread.</summary>
    public void Post(Msg msg)
    {
        _inbox.Enqueue(msg);
        lock (_appLock)
            _app?.Invoke(Drain);
    }

    /// <summary>Applies every waiting message, then shows the model once.</summary>
    public void Drain()
    {
        if (_root is not { } root)
            return;
        var changed = false;
        while (!_model.Quit && _handover is null && _inbox.TryDequeue(out var msg))
        {
            (_model, var cmd) = WizardUpdate.Update(_model, msg);
            Run(cmd);
            changed = true;
        }
        if (changed)
            root.Show(_model);
        if (_model.Quit || _handover is not null)
            _app?.RequestStop();
    }

    private void Run(Cmd? cmd)
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
                _handover = () => new Msg.EditorReturned(effects.Edit(e.Unit, e.DropIn));
                return;
            case Cmd.OpenShell s:
                _handover = () => effects.Shell(s.Unit, s.DropIn);
                return;
            default:
                _running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await effects.RunAsync(cmd, Post, _ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Post(new Msg.Failed(ex.Message.ReplaceLineEndings(" ")));
                    }
                }, _ct));
                return;
        }
    }
}
