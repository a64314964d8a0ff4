using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HardenTui.Core.Health;

/// <summary>
/// Reads `journalctl -u UNIT --since @EPOCH -o json` (one JSON object per line) and names what points at a
/// hardening directive: seccomp kills (status=31/SYS), exec setup failures systemd reports as exit statuses
/// 203/EXEC, 226/NAMESPACE, 218/CAPABILITIES (src/basic/exit-status.h, v252), and a burst of EPERM/EACCES/EROFS.
/// </summary>
public static partial class JournalScan
{
    /// <summary>This many permission errors after a restart count as a burst (a single one is often benign).</summary>
    public const int PermissionBurst = 3;

    [GeneratedRegex(@"status=(31/SYS|203/EXEC|226/NAMESPACE|218/CAPABILITIES)|signal=SYS\b|\bSIGSYS\b|Failed at step (EXEC|NAMESPACE|CAPABILITIES)")]
    private static partial Regex FatalPattern();

    [GeneratedRegex(@"Permission denied|Operation not permitted|Read-only file system|\bEPERM\b|\bEACCES\b|\bEROFS\b")]
    private static partial Regex PermissionPattern();

    public static IReadOnlyList<string> Problems(string journalJson)
    {
        var problems = new List<string>();
        var permission = new List<string>();
        foreach (var line in journalJson.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var message = Message(line);
            if (message is null) continue;
            if (FatalPattern().IsMatch(message)) problems.Add(message);
            else if (PermissionPattern().IsMatch(message)) permission.Add(message);
        }
        if (permission.Count >= PermissionBurst)
            problems.Add($"{permission.Count} permission errors (EPERM/EACCES/EROFS) since the restart, first: {permission[0]}");
        return problems.Distinct().ToList();
    }

    /// <summary>MESSAGE is a string, or an array of bytes when it is not valid UTF-8 (journalctl(1), --output=json).</summary>
    private static string? Message(string line) => Entry(line)?.Message;

    /// <summary>One `journalctl -o json` line: its unit (_SYSTEMD_UNIT, else UNIT= of systemd's own messages), MESSAGE and __CURSOR.</summary>
    public static JournalEntry? Entry(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (!root.TryGetProperty("MESSAGE", out var m)) return null;
            var message = m.ValueKind switch
            {
                JsonValueKind.String => m.GetString(),
                JsonValueKind.Array => Encoding.UTF8.GetString(m.EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray()),
                _ => null,
            };
            if (message is null) return null;
            string Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            var unit = Field("UNIT") is { Length: > 0 } u ? u : Field("_SYSTEMD_UNIT");
            return new JournalEntry(unit, message, Field("__CURSOR"));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A journal entry as the watch reads it.</summary>
public sealed record JournalEntry(string Unit, string Message, string Cursor);
