using HardenTui.Core.Wizard;
using HardenTui.Tui.Views;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace HardenTui.Tui.Gui;

/// <summary>
/// The wizard's one Terminal.Gui root: borderless, full screen, a <see cref="LineView"/> per row drawn from the
/// model's markup lines, a scroll bar beside scrolled lists, a text field where the filter, the probe or a value is
/// typed, and Terminal.Gui dialogs for the quit confirmation and the value editor. It holds no state of its own
/// beyond what is on screen: <see cref="Show"/> brings it to a model; mouse and text edits go out through
/// <see cref="Send"/> as Core messages.
/// </summary>
internal sealed class WizardRoot : Runnable
{
    private readonly Theme _theme;
    private readonly Glyphs _glyphs;
    private readonly List<LineView> _rows = [];
    private readonly TextField _input;
    private readonly ScrollBar _scroll;
    private Dialog? _dialog;
    private Modal? _dialogFor;
    private Hits _hits = new();
    private bool _syncing;
    private (int Top, int Height)? _scrollAt;
    private (int X, int Y, int Width)? _inputAt;

    public WizardRoot(Theme theme, Glyphs glyphs, Action<Msg> send)
    {
        _theme = theme;
        _glyphs = glyphs;
        Send = send;
        Width = Dim.Fill();
        Height = Dim.Fill();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.None;
        SetScheme(theme.Base);
        _input = new TextField { Visible = false, Height = 1 };
        _input.SetScheme(theme.Base);
        _input.TextChanged += (_, _) =>
        {
            if (!_syncing && _input.Visible)
                Send(new Msg.SetText(_input.Text));
        };
        _scroll = new ScrollBar { Visible = false, X = Pos.AnchorEnd(1), Width = 1, VisibilityMode = ScrollBarVisibilityMode.Manual };
        _scroll.SetScheme(theme.Base);
        _scroll.ValueChanged += (_, e) =>
        {
            if (!_syncing && _hits.Scroll is { } s && _hits.ScrollBy is { } by && e.NewValue != s.Start)
                Send(by(e.NewValue - s.Start));
        };
        Add(_scroll, _input);
    }

    public Action<Msg> Send { get; }

    /// <summary>True while a text field takes the printable keys (filter, probe, value).</summary>
    public bool Typing => _input.Visible;

    public TextField Input => _input;

    public Hits Hits => _hits;

    public void Show(WizardModel m)
    {
        var hits = new Hits();
        var lines = WizardView.Render(m, _glyphs, hits);
        _hits = hits;
        var height = Math.Max(1, m.Height);
        while (_rows.Count < height)
        {
            var row = new LineView(_theme, _rows.Count) { Mouse = OnRowMouse };
            _rows.Add(row);
            Add(row);
            MoveSubViewToStart(row);
        }
        while (_rows.Count > height)
        {
            var row = _rows[^1];
            _rows.RemoveAt(_rows.Count - 1);
            Remove(row);
            row.Dispose();
        }
        for (var i = 0; i < _rows.Count; i++)
            _rows[i].Line = i < lines.Count ? lines[i] : "";
        _syncing = true;
        try
        {
            ShowScroll(hits);
            ShowDialog(m);
            ShowInput(m, hits);
        }
        finally
        {
            _syncing = false;
        }
    }

    private void ShowScroll(Hits hits)
    {
        // A scroll bar only where a list is longer than its rows; none in the ASCII fallback (its glyphs are not ASCII).
        // Positions are set only when they change: a new Pos or Dim lays the whole root out again.
        if (hits.Scroll is { } s && s.Total > s.Visible && !_glyphs.IsAscii)
        {
            if (_scrollAt != (s.Top, s.Visible))
            {
                _scrollAt = (s.Top, s.Visible);
                _scroll.Y = s.Top;
                _scroll.Height = s.Visible;
            }
            if (_scroll.ScrollableContentSize != s.Total)
                _scroll.ScrollableContentSize = s.Total;
            if (_scroll.VisibleContentSize != s.Visible)
                _scroll.VisibleContentSize = s.Visible;
            if (_scroll.Value != s.Start)
                _scroll.Value = s.Start;
            _scroll.Visible = true;
        }
        else if (_scroll.Visible)
        {
            _scroll.Visible = false;
        }
    }

    private void ShowInput(WizardModel m, Hits hits)
    {
        var text = m.Modal is Modal.EditValue e ? e.Buffer
            : m.Screen == Screen.Picker && m.Picker.Filtering ? m.Picker.Filter
            : m.Screen == Screen.Trace && m.Trace.EditingProbe ? m.Trace.Probe
            : null;
        if (text is null || (hits.Input is null && m.Modal is not Modal.EditValue) || m.Modal is Modal.Help or Modal.ConfirmQuit)
        {
            if (_input.Visible)
            {
                _input.Visible = false;
                if (_input.SuperView != this)
                {
                    _input.SuperView?.Remove(_input);
                    Add(_input);
                }
            }
            return;
        }
        if (m.Modal is not Modal.EditValue && hits.Input is { } at && _inputAt != at)
        {
            _inputAt = at;
            _input.X = at.X;
            _input.Y = at.Y;
            _input.Width = at.Width;
        }
        var starting = !_input.Visible;
        if (_input.Text != text)
            _input.Text = text;
        _input.Visible = true;
        if (starting || !_input.HasFocus)
        {
            // Typing goes on after what is there: Terminal.Gui selects all on focus, so the next key would replace it.
            _input.SetFocus();
            _input.SelectedStart = -1;
            _input.InsertionPoint = text.Length;
        }
    }

    private void ShowDialog(WizardModel m)
    {
        var wanted = m.Modal is Modal.ConfirmQuit or Modal.EditValue ? m.Modal : null;
        if (wanted?.GetType() == _dialogFor?.GetType() && (wanted is not Modal.ConfirmQuit || wanted == _dialogFor))
            return;
        if (_dialog is not null)
        {
            if (_input.SuperView == _dialog)
            {
                _dialog.Remove(_input);
                _input.Visible = false;
                Add(_input);
            }
            Remove(_dialog);
            _dialog.Dispose();
            _dialog = null;
        }
        _dialogFor = wanted;
        _inputAt = null; // the value editor places the field itself
        _dialog = wanted switch
        {
            Modal.ConfirmQuit c => Dialogs.ConfirmQuit(c, _theme, _glyphs, Send),
            Modal.EditValue e => Dialogs.EditValue(e, _input, _theme, _glyphs, Send, m.Width),
            _ => null,
        };
        if (_dialog is not null)
        {
            Add(_dialog);
            _dialog.SetFocus();
        }
    }

    private void OnRowMouse(int row, Mouse mouse)
    {
        if (_dialog is not null)
            return;
        var x = mouse.Position?.X ?? 0;
        if (mouse.IsWheel && _hits.Wheel is { } wheel)
        {
            if (mouse.Flags.HasFlag(MouseFlags.WheeledDown))
                Send(wheel(1));
            else if (mouse.Flags.HasFlag(MouseFlags.WheeledUp))
                Send(wheel(-1));
            return;
        }
        if (_hits.At(x, row) is not { } hit)
            return;
        var messages = mouse.Flags.HasFlag(MouseFlags.LeftButtonDoubleClicked) ? hit.DoubleClick
            : mouse.Flags.HasFlag(MouseFlags.LeftButtonClicked) ? hit.Click
            : [];
        foreach (var msg in messages)
            Send(msg);
    }
}
