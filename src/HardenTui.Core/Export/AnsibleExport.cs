// An Ansible task list that puts one HardenTui drop-in on a fleet. Task lists cannot carry handlers (those
// belong to the play), so a restart is tied to the copy's result with `when: ... is changed`: a run that finds
// the drop-in already in place neither reloads nor restarts. A host that differs from where the hardening was
// learned gets a warning (debug), never a failure; the checks at the end fail the run if the service is down.
using System.Text;
using HardenTui.Core.Overrides;
using HardenTui.Core.Units;

namespace HardenTui.Core.Export;

public static class AnsibleExport
{
    /// <param name="dropInText">The drop-in as it should land on the hosts (fingerprint comment included).</param>
    /// <param name="probe">A shell command that must succeed once the service is up; null when none is known.</param>
    public static string Write(string unit, string dropInText, HostFingerprint learned, string? probe)
    {
        var name = UnitName.Parse(unit).Value;
        var dir = "/" + DropInPaths.PersistentDirectory(name);
        var y = new StringBuilder();
        y.Append("# HardenTui hardening of ").Append(name).Append(" as an Ansible task list: include it from a play that has become: true.\n");
        y.Append(learned.Comment).Append('\n');
        y.Append("# Where a host differs from that, the run warns and goes on; it fails only when the service does not come back.\n");

        Task(y, name, "read the systemd version");
        y.Append("  ansible.builtin.command: systemctl --version\n");
        y.Append("  register: hardentui_systemctl\n");
        y.Append("  changed_when: false\n");

        Task(y, name, "warn when this host differs from where the hardening was learned");
        y.Append("  ansible.builtin.debug:\n");
        y.Append("    msg: ").Append(Quote($"WARNING: the hardening of {name} was learned on another kind of host ({{{{ hardentui_differences }}}}); check the service after the restart")).Append('\n');
        y.Append("  vars:\n");
        y.Append("    hardentui_learned:\n");
        foreach (var (key, value) in learned.Fields) y.Append("      ").Append(key).Append(": ").Append(Quote(value)).Append('\n');
        y.Append("    hardentui_here:\n");
        y.Append("      systemd: \"{{ hardentui_systemctl.stdout_lines[0].split()[1] }}\"\n");
        y.Append("      kernel: \"{{ ansible_kernel }}\"\n");
        y.Append("      architecture: \"{{ ansible_architecture }}\"\n");
        y.Append("      distribution: \"{{ ansible_distribution | lower }}\"\n");
        // os-release VERSION_ID is "12" where the fact may say "12.7": a point release counts as the same version.
        y.Append("      version: \"{{ hardentui_learned.version if ansible_distribution_version.startswith(hardentui_learned.version ~ '.') else ansible_distribution_version }}\"\n");
        y.Append("    hardentui_differences: \"{% for key, value in hardentui_learned.items() if hardentui_here[key] != value %}{{ key }} {{ value }} there, {{ hardentui_here[key] }} here; {% endfor %}\"\n");
        y.Append("  when: hardentui_differences | length > 0\n");

        // An older systemd ignores lines it does not know (with a warning) and the service runs less hardened than
        // learned: refuse such a host, naming both versions, before anything is copied.
        if (Directives.DirectiveCatalog.Load().Newest(DropIn.Parse(name, dropInText).Directives.Select(d => (d.Name, d.Value))) is { } newest)
        {
            Task(y, name, $"refuse a host whose systemd is older than {newest.Since}");
            y.Append("  ansible.builtin.fail:\n");
            y.Append("    msg: ").Append(Quote($"the hardening of {name} needs systemd {newest.Since} ({newest.Line}), this host has {{{{ hardentui_systemctl.stdout_lines[0].split()[1] }}}}: an older systemd would ignore what it does not know and run the service less hardened")).Append('\n');
            y.Append("  when: (hardentui_systemctl.stdout_lines[0].split()[1] | int) < ").Append(newest.Since).Append('\n');
        }

        Task(y, name, "drop-in directory");
        y.Append("  ansible.builtin.file:\n");
        y.Append("    path: ").Append(dir).Append('\n');
        y.Append("    state: directory\n    owner: root\n    group: root\n    mode: \"0755\"\n");

        Task(y, name, "HardenTui drop-in");
        y.Append("  ansible.builtin.copy:\n");
        y.Append("    dest: ").Append(dir).Append('/').Append(DropInPaths.FileName).Append('\n');
        y.Append("    owner: root\n    group: root\n    mode: \"0644\"\n");
        // !unsafe: the text is copied as it is, never read as a Jinja template.
        y.Append("    content: !unsafe |\n");
        foreach (var line in dropInText.TrimEnd('\n').Split('\n'))
            y.Append(line.Length == 0 ? "" : "      " + line).Append('\n');
        y.Append("  register: hardentui_dropin\n");

        Task(y, name, "reload systemd after a changed drop-in");
        y.Append("  ansible.builtin.systemd:\n    daemon_reload: true\n");
        y.Append("  when: hardentui_dropin is changed\n");

        Task(y, name, "restart after a changed drop-in");
        y.Append("  ansible.builtin.systemd:\n    name: ").Append(name).Append("\n    state: restarted\n");
        y.Append("  when: hardentui_dropin is changed\n");

        Task(y, name, "check it is active");
        y.Append("  ansible.builtin.command: systemctl is-active ").Append(name).Append('\n');
        Retried(y, "hardentui_active");

        if (probe is not null)
        {
            Task(y, name, "check it still serves");
            y.Append("  ansible.builtin.shell: !unsafe ").Append(Quote(probe)).Append('\n');
            Retried(y, "hardentui_probe");
        }
        return y.ToString();
    }

    private static void Task(StringBuilder y, string unit, string what) =>
        y.Append("\n- name: ").Append(Quote($"{unit}: {what}")).Append('\n');

    private static void Retried(StringBuilder y, string register) =>
        y.Append("  register: ").Append(register).Append('\n')
            .Append("  until: ").Append(register).Append(".rc == 0\n")
            .Append("  retries: 5\n  delay: 2\n  changed_when: false\n");

    /// <summary>A YAML double-quoted scalar (YAML 1.2, 7.3.1): backslash and quote escaped, controls as \uXXXX.</summary>
    internal static string Quote(string value)
    {
        var q = new StringBuilder("\"");
        foreach (var c in value)
            q.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return q.Append('"').ToString();
    }
}
