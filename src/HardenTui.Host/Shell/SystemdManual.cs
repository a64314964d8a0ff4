using HardenTui.Core.Directives;
using HardenTui.Host.Process;

namespace HardenTui.Host.Shell;

/// <summary>
/// The installed manual's words for the directives: the roff sources of systemd.exec(5), systemd.resource-control(5)
/// and systemd.service(5) under /usr/share/man/man5 (gzipped or not), read through the runner (so the sandbox's own
/// manual in the sandbox). Pages that are not installed contribute nothing; no page at all gives <see cref="ManualWords.None"/>.
/// </summary>
public static class SystemdManual
{
    public static readonly string[] Pages = ["systemd.exec", "systemd.resource-control", "systemd.service"];

    public static async Task<ManualWords> ReadAsync(IProcessRunner runner, CancellationToken ct = default)
    {
        var entries = new Dictionary<string, ManualEntry>(StringComparer.Ordinal);
        foreach (var page in Pages)
        {
            // zcat -f reads a plain file too; the .gz name first, as Debian installs them.
            foreach (var file in new[] { $"/usr/share/man/man5/{page}.5.gz", $"/usr/share/man/man5/{page}.5" })
            {
                var r = await runner.RunAsync(new ProcessSpec("zcat", ["-f", "--", file], Timeout: TimeSpan.FromSeconds(10)), ct);
                if (!r.Ok) continue;
                foreach (var (name, entry) in ManPage.Entries(page, r.Stdout)) entries.TryAdd(name, entry);
                break;
            }
        }
        return entries.Count == 0 ? ManualWords.None : new ManualWords(entries);
    }
}
