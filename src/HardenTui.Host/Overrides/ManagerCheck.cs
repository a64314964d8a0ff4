using HardenTui.Core;
using HardenTui.Core.Overrides;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Overrides;

/// <summary>
/// Has the service manager itself read a drop-in before it is written: the text goes to a private directory
/// under /var/lib/hardentui/verify/ that is put first in the unit search path ($SYSTEMD_UNIT_PATH with a trailing ':'
/// keeps the normal path after it), and `systemd-analyze verify UNIT` loads the unit with it, the same parser the
/// manager uses at daemon-reload. Any line it prints about our file (an unknown key, a value it cannot parse) is a
/// refusal: one line, nothing written. Lines about the unit's own files are not ours to judge.
/// </summary>
public sealed class ManagerCheck(IProcessRunner runner, string root)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task VerifyAsync(string unit, string text, CancellationToken ct = default)
    {
        // Below our state directory, not /run: the sandbox's /run is its own tmpfs, the state directory is shared.
        var relative = $"{DropInPaths.StateDirectory}/verify/{Environment.ProcessId}-{Guid.NewGuid():N}";
        var file = $"{relative}/{unit}.d/{DropInPaths.FileName}";
        var full = SafeFile.Resolve(root, file);
        SafeFile.WriteAtomic(full, text);
        try
        {
            var r = await runner.RunAsync(new ProcessSpec("env",
                [$"SYSTEMD_UNIT_PATH=/{relative}:", "SYSTEMD_LOG_COLOR=0", "systemd-analyze", "verify", "--man=no", unit], Timeout: Timeout), ct);
            if (r.TimedOut) throw new SystemdException($"systemd-analyze verify {unit} did not finish in {Timeout.TotalSeconds:0} s");
            if (r.ExitCode == 127) throw new SystemdException("systemd-analyze is not installed; the drop-in cannot be checked by systemd before it is written");
            var ours = (r.Stderr + "\n" + r.Stdout).Split('\n').FirstOrDefault(l => l.Contains("/" + file, StringComparison.Ordinal));
            if (ours is not null)
                throw new BadInputException($"systemd refuses the drop-in: {ours.Replace("/" + file, "line").Trim()}; nothing written");
        }
        finally
        {
            SafeFile.DeleteDurably(full);
            foreach (var dir in new[] { $"{relative}/{unit}.d", relative })
                try { Directory.Delete(SafeFile.Resolve(root, dir)); } catch (IOException) { }
        }
    }
}
