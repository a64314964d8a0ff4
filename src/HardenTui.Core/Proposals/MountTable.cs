namespace HardenTui.Core.Proposals;

/// <summary>
/// The mounts a service sees, from its /proc/PID/mountinfo (proc(5)): each mount point with its file system type.
/// <see cref="MountOf"/> answers which mount a path lies on (the longest mount point above it; of two mounts on
/// the same point the later one, which covers the earlier). Read by the Host where the unit runs; pure here.
/// </summary>
public sealed class MountTable
{
    private MountTable(IReadOnlyList<MountEntry> mounts) => Mounts = mounts;

    public IReadOnlyList<MountEntry> Mounts { get; }

    /// <summary>Parses mountinfo text; lines that are not mountinfo are skipped. Mount points are unescaped (\040 → space).</summary>
    public static MountTable Parse(string mountinfo)
    {
        var mounts = new List<MountEntry>();
        foreach (var line in mountinfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL…] - FSTYPE SOURCE SUPEROPTIONS
            var fields = line.Split(' ');
            var dash = fields.Length < 9 ? -1 : Array.IndexOf(fields, "-", 6);
            if (dash < 0 || dash + 1 >= fields.Length || !fields[4].StartsWith('/')) continue;
            mounts.Add(new MountEntry(Unescape(fields[4]), fields[dash + 1], dash + 2 < fields.Length ? Unescape(fields[dash + 2]) : ""));
        }
        return new MountTable(mounts);
    }

    /// <summary>The mount an absolute path lies on; null for a relative path or an empty table.</summary>
    public MountEntry? MountOf(string path)
    {
        if (!path.StartsWith('/')) return null;
        MountEntry? best = null;
        foreach (var m in Mounts)
            if (RuleKit.IsUnder(path, m.MountPoint) && (best is null || m.MountPoint.Length >= best.MountPoint.Length))
                best = m;
        return best;
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var result = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                result.Append((char)((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0')));
                i += 3;
            }
            else result.Append(field[i]);
        }
        return result.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}

/// <summary>One mount: where, which file system type (as the kernel names it: ext4, tmpfs, fuse.sshfs), from what source.</summary>
public sealed record MountEntry(string MountPoint, string FileSystem, string Source);
