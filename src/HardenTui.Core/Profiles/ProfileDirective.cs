namespace HardenTui.Core.Profiles;

/// <summary>
/// One directive of a profile: its value(s) and why the profile sets it. Several values become several lines
/// of the drop-in (systemd adds them up, e.g. an allow-list SystemCallFilter= and then a ~deny-list one).
/// </summary>
public sealed record ProfileDirective(string Name, IReadOnlyList<string> Values, string Reason)
{
    public ProfileDirective(string name, string value, string reason) : this(name, [value], reason) { }
}
