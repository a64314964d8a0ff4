namespace HardenTui.Core.Wizard;

/// <summary>A way to trace the service; <see cref="DisabledReason"/> says why it cannot be used here (null: usable).</summary>
public sealed record TraceMethodView(string Name, string Description, string? DisabledReason)
{
    public bool Enabled => DisabledReason is null;
}
