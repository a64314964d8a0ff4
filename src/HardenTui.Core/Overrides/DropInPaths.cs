using HardenTui.Core.Units;

namespace HardenTui.Core.Overrides;

/// <summary>
/// Where HardenTui's drop-ins live, relative to a file-system root ("/" on the machine, the container's root
/// in the sandbox). Our own file name sorts before "override.conf", so a user's `systemctl edit` still wins;
/// the vendor unit and the user's override.conf are never written.
/// </summary>
public static class DropInPaths
{
    public const string FileName = "90-hardentui.conf";
    public const string StateDirectory = "var/lib/hardentui";

    /// <summary>The persistent drop-in directory of a unit (systemd.unit(5): "foo.service.d/").</summary>
    public static string PersistentDirectory(string unit) => $"etc/systemd/system/{UnitName.Parse(unit).Value}.d";

    /// <summary>Runtime drop-ins vanish on reboot (used by the tracer).</summary>
    public static string RuntimeDirectory(string unit) => $"run/systemd/system/{UnitName.Parse(unit).Value}.d";

    public static string PersistentFile(string unit) => $"{PersistentDirectory(unit)}/{FileName}";
    public static string RuntimeFile(string unit, string fileName) => $"{RuntimeDirectory(unit)}/{fileName}";

    public static string JournalDirectory => $"{StateDirectory}/journal";
    public static string BackupDirectory(string unit) => $"{StateDirectory}/backups/{UnitName.Parse(unit).Value}";
}
