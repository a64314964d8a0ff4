using System.Text;

namespace HardenTui.Host.Systemd;

/// <summary>
/// The effective unit text as `systemctl cat` prints it (systemd 252 src/systemctl/systemctl-cat.c, cat_file()),
/// read directly from the unit's FragmentPath and DropInPaths: "# PATH" then the file's lines, a blank line before
/// every file but the first; each line ends in a newline even where the file's last one does not.
/// </summary>
public static class UnitText
{
    /// <param name="root">Where the manager's root is seen from here ("/" on a host, /proc/LEADER/root for a sandbox).</param>
    public static async Task<string> CatAsync(string root, string? fragmentPath, IReadOnlyList<string> dropInPaths, CancellationToken ct = default)
    {
        var text = new StringBuilder();
        var files = new List<string>();
        if (!string.IsNullOrEmpty(fragmentPath)) files.Add(fragmentPath);
        files.AddRange(dropInPaths);
        foreach (var file in files)
        {
            string content;
            try
            {
                content = await File.ReadAllTextAsync(Path.Combine(root, file.TrimStart('/')), ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SystemdException($"cannot read {file}: {e.Message}");
            }
            if (text.Length > 0) text.Append('\n');
            text.Append("# ").Append(file).Append('\n');
            text.Append(content);
            if (content.Length > 0 && content[^1] != '\n') text.Append('\n');
        }
        return text.ToString();
    }
}
