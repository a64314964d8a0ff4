namespace HardenTui.Core.Wizard;

/// <summary>The wizard's screens, in the order a user walks them.</summary>
public enum Screen
{
    Picker,
    Overview,
    Trace,
    Levels,
    Review,
    Apply,
}
