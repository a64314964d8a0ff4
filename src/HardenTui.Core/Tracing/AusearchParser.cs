namespace HardenTui.Core.Tracing;

/// <summary>
/// Streams `ausearch -i` output into events. Records ("type=X msg=audit(12/16/2024 21:07:52.598:6323) : k=v ...")
/// of one event are grouped by their msg id; the "----" separators ausearch prints between events close the event,
/// as does a new id. Unknown record types are ignored; malformed lines are counted, never fatal.
/// </summary>
public sealed class AusearchParser
{
    private string? _id;
    private string? _syscall, _exe;
    private bool _success;
    private int _pid, _ppid;
    private Dictionary<int, string> _paths = [];

    public long MalformedLines { get; private set; }

    /// <summary>Feeds one line; returns the previous event when this line closes it.</summary>
    public AusearchEvent? Accept(string line)
    {
        if (line.StartsWith("----", StringComparison.Ordinal) || line.Length == 0) return Flush();
        if (!line.StartsWith("type=", StringComparison.Ordinal)) { MalformedLines++; return null; }
        var open = line.IndexOf("msg=audit(", StringComparison.Ordinal);
        var close = open < 0 ? -1 : line.IndexOf(')', open);
        if (close < 0) { MalformedLines++; return null; }
        var id = line[(open + 10)..close];
        var done = _id is not null && _id != id ? Flush() : null;
        _id = id;
        var type = line[5..line.IndexOf(' ')];
        var fields = Fields(line[(close + 1)..]);
        if (type == "SYSCALL")
        {
            _syscall = fields.GetValueOrDefault("syscall");
            _success = fields.GetValueOrDefault("success") == "yes";
            _exe = fields.GetValueOrDefault("exe");
            _ = int.TryParse(fields.GetValueOrDefault("pid"), out _pid);
            _ = int.TryParse(fields.GetValueOrDefault("ppid"), out _ppid);
        }
        else if (type == "PATH" && int.TryParse(fields.GetValueOrDefault("item"), out var item) && fields.GetValueOrDefault("name") is { } name)
        {
            _paths[item] = name;
        }
        return done;
    }

    /// <summary>Closes the event in progress (call at the end of the output).</summary>
    public AusearchEvent? Flush()
    {
        if (_id is null) return null;
        var e = new AusearchEvent(_id, _syscall, _success, _pid, _ppid, _exe, _paths);
        _id = _syscall = _exe = null;
        _success = false;
        _pid = _ppid = 0;
        _paths = [];
        return e;
    }

    private static Dictionary<string, string> Fields(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = token.IndexOf('=');
            if (eq > 0) fields.TryAdd(token[..eq], token[(eq + 1)..].Trim('"'));
        }
        return fields;
    }
}
