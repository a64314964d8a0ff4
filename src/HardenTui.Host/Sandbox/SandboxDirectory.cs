using HardenTui.Host.Process;

namespace HardenTui.Host.Sandbox;

/// <summary>
/// One sandbox's folder under the state root: the tmpfs (t/), the overlay (root/) and who owns it (owner, nspawn,
/// leader: pid + start time). It is what lets a later boot recognise and clean up the leftovers of a killed one.
/// </summary>
internal sealed class SandboxDirectory(string path)
{
    public string Path { get; } = path;
    public string Tmpfs => System.IO.Path.Combine(Path, "t");
    public string Root => System.IO.Path.Combine(Path, "root");
    public string Upper => System.IO.Path.Combine(Tmpfs, "upper");
    public string Work => System.IO.Path.Combine(Tmpfs, "work");
    public string Log => System.IO.Path.Combine(Path, "nspawn.log");

    public ProcessIdentity? Owner { get => Read("owner"); set => Write("owner", value); }
    public ProcessIdentity? Nspawn { get => Read("nspawn"); set => Write("nspawn", value); }
    public ProcessIdentity? Leader { get => Read("leader"); set => Write("leader", value); }

    private ProcessIdentity? Read(string name)
    {
        var file = System.IO.Path.Combine(Path, name);
        return File.Exists(file) ? ProcessIdentity.Parse(File.ReadAllText(file)) : null;
    }

    private void Write(string name, ProcessIdentity? value)
    {
        var file = System.IO.Path.Combine(Path, name);
        if (value is null) File.Delete(file);
        else File.WriteAllText(file, value.ToString());
    }
}
