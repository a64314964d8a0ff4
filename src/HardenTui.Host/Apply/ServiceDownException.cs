using HardenTui.Host.Systemd;

namespace HardenTui.Host.Apply;

/// <summary>
/// A rollback put the unit's files back but the unit still does not run (it fails with its own configuration
/// too). Said plainly to the user; never reported as a successful rollback.
/// </summary>
public sealed class ServiceDownException(string message) : SystemdException(message);
