namespace HardenTui.Core.Wizard;

/// <summary>One line of the review diff: ' ' unchanged, '-' an effective setting the drop-in overrides, '+' added,
/// '!' added but without effect (a drop-in read after ours overrides it).</summary>
public sealed record DiffLine(char Kind, string Text);
