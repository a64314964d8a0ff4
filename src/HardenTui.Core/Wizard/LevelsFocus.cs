namespace HardenTui.Core.Wizard;

/// <summary>Which pane of the levels screen takes the arrow keys.</summary>
public enum LevelsFocus
{
    Steps,
    Directives,
}
