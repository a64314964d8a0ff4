namespace HardenTui.Core.Units;

/// <summary>A unit's state as systemd announces it (PropertiesChanged): what the apply screen shows while it restarts.</summary>
public sealed record UnitLiveState(string Unit, string ActiveState, string SubState, string Result, uint Restarts, uint MainPid);

public enum ServiceEventKind { Appeared, Disappeared, Changed }

/// <summary>A service unit appeared (UnitNew), disappeared (UnitRemoved) or changed state (PropertiesChanged): what the picker follows.</summary>
public sealed record ServiceEvent(ServiceEventKind Kind, string Unit, string? ActiveState = null, string? SubState = null);
