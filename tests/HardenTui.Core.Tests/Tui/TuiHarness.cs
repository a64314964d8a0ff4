using System.Runtime.CompilerServices;
using HardenTui.Core.Wizard;
using HardenTui.Tui;
using HardenTui.Tui.AppHost;
using HardenTui.Tui.Gui;
using HardenTui.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Xunit;

namespace HardenTui.Core.Tests.Tui;

/// <summary>
/// The real wizard root on Terminal.Gui's ANSI driver, in-process and headless (no terminal: the driver draws into
/// its buffer), at a given size. Keys and mouse go in through Terminal.Gui's public input injection, the screen
/// comes out of the driver's contents. Commands are not run (no machine here): the model and the screen are what
/// the tests look at.
/// </summary>
internal sealed class TuiHarness : IDisposable
{
    public static readonly TerminalTraits Utf8 = new(Color: true, Unicode: true, Dumb: false);

    private readonly SessionToken? _token;

    public IApplication App { get; }
    public WizardLoop Loop { get; }
    public WizardRoot Root { get; }
    public List<Cmd> Commands { get; } = [];

    public TuiHarness(WizardModel model, TerminalTraits? traits = null)
    {
        var t = traits ?? Utf8;
        App = WizardLoop.NewApplication();
        App.Driver!.SetScreenSize(model.Width, model.Height);
        Loop = new WizardLoop(new RecordingEffects(Commands), t);
        Loop.Start(model);
        Root = Loop.Attach(App, new Theme(t.Color), Glyphs.For(t.Unicode));
        _token = App.Begin(Root);
        Loop.Drain();
        App.LayoutAndDraw();
    }

    public WizardModel Model => Loop.Model;

    /// <summary>The screen as text, trailing blanks of each row dropped.</summary>
    public string Text => string.Join('\n', Rows.Select(r => r.TrimEnd()));

    public IReadOnlyList<string> Rows => App.Driver!.ToString()!.Split('\n').Take(App.Driver.Rows).Select(r => r.TrimEnd('\r')).ToList();

    public void Key(string name) => Key(KeyInput.ToKey(name));

    public void Key(Key key)
    {
        App.InjectKey(key);
        Settle();
    }

    public void Type(string text)
    {
        foreach (var c in text)
            App.InjectKey(new Key(c));
        Settle();
    }

    public void Click(int x, int y)
    {
        App.InjectSequence(InputInjectionExtensions.LeftButtonClick(new System.Drawing.Point(x, y)));
        Settle();
    }

    public void DoubleClick(int x, int y)
    {
        App.InjectSequence(InputInjectionExtensions.LeftButtonDoubleClick(new System.Drawing.Point(x, y)));
        Settle();
    }

    public void Wheel(int x, int y, bool down)
    {
        App.InjectMouse(new Mouse { ScreenPosition = new System.Drawing.Point(x, y), Flags = down ? MouseFlags.WheeledDown : MouseFlags.WheeledUp });
        Settle();
    }

    /// <summary>Applies what the input posted and draws (what a main-loop pass would do).</summary>
    public void Settle()
    {
        Loop.Drain();
        App.LayoutAndDraw();
    }

    /// <summary>The first command of that type the loop ran (commands run on the thread pool: waits up to 5 s).</summary>
    public T Ran<T>() where T : Cmd
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(5); ; Thread.Sleep(10))
        {
            lock (Commands)
                if (Commands.OfType<T>().FirstOrDefault() is { } cmd)
                    return cmd;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"no {typeof(T).Name} was run; ran: {string.Join(", ", Commands)}");
        }
    }

    /// <summary>The screen row holding <paramref name="text"/> and its column.</summary>
    public (int X, int Y) Find(string text)
    {
        var rows = Rows;
        for (var y = 0; y < rows.Count; y++)
            if (rows[y].IndexOf(text, StringComparison.Ordinal) is var x and >= 0)
                return (x, y);
        throw new Xunit.Sdk.XunitException($"'{text}' is not on screen:\n{Text}");
    }

    public void Dispose()
    {
        if (_token is not null)
            App.End(_token);
        Root.Dispose();
        App.Dispose();
    }

    private sealed class RecordingEffects(List<Cmd> commands) : IWizardEffects
    {
        public Task RunAsync(Cmd cmd, Action<Msg> post, CancellationToken ct)
        {
            lock (commands)
                commands.Add(cmd);
            return Task.CompletedTask;
        }

        public IReadOnlyList<string> Edit(string unit, string dropIn) => [];

        public Msg Shell(string unit, string dropIn) => new Msg.ShellReturned(0, "");
    }
}

/// <summary>
/// Terminal.Gui reads theme files from ~/.tui, ./.tui and $TUI_CONFIG once, when its assembly starts. The test
/// assembly pins those before that: HOME is an empty folder, TUI_CONFIG is unset, and the working directory is an
/// empty folder while Terminal.Gui's configuration is first read, so no user's or machine's theme reaches a test.
/// </summary>
internal static class PinnedTuiConfiguration
{
    public static string Home { get; } = Path.Combine(Path.GetTempPath(), $"hardentui-tests-home-{Environment.ProcessId}");

    [ModuleInitializer]
    internal static void Pin()
    {
        Directory.CreateDirectory(Home);
        Environment.SetEnvironmentVariable("HOME", Home);
        Environment.SetEnvironmentVariable("TUI_CONFIG", null);
        Environment.SetEnvironmentVariable("NO_COLOR", null);
        var cwd = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Home;
            RuntimeHelpers.RunModuleConstructor(typeof(Terminal.Gui.ViewBase.View).Module.ModuleHandle);
            using var app = Application.Create().Init(DriverRegistry.Names.ANSI);
        }
        finally
        {
            Environment.CurrentDirectory = cwd;
        }
    }
}

/// <summary>Terminal.Gui keeps process-wide state: its tests run one at a time.</summary>
[CollectionDefinition("terminal.gui", DisableParallelization = true)]
public class TerminalGuiCollection;
