namespace HardenTui.Core.Wizard;

/// <summary>One line of the review diff: ' ' unchanged, '-' an effective setting the drop-in overrides, '+' added.</summary>
public sealed record DiffLine(char Kind, string Text);
