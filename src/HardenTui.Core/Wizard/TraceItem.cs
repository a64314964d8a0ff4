namespace HardenTui.Core.Wizard;

/// <summary>One thing the trace saw (a file, a path, a socket, a capability); IsNew marks arrivals since the last snapshot.</summary>
public sealed record TraceItem(string Text, bool IsNew);
