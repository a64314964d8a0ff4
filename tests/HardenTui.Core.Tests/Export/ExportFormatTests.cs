using System.Text.RegularExpressions;
using HardenTui.Core.Export;
using HardenTui.Core.Overrides;
using HardenTui.Core.Profiles;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace HardenTui.Core.Tests.Export;

public class ExportFormatTests
{
    private const string Probe = "curl -fsS -o /dev/null http://127.0.0.1/";

    [Fact]
    public void Ansible_task_list_matches_approved() =>
        AnsibleExport.Write("nginx.service", ExportSamples.NginxText, ExportSamples.Debian12, Probe)
            .ShouldMatchApproved(c => c.SubFolder("approved").WithFileExtension("txt"));

    [Fact]
    public void Nixos_snippet_matches_approved() =>
        NixosExport.Write(ExportSamples.Nginx, ExportSamples.Debian12)
            .ShouldMatchApproved(c => c.SubFolder("approved").WithFileExtension("txt"));

    [Fact]
    public void Profile_matches_approved() =>
        ProfileExport.Write(ExportSamples.Nginx, ExportSamples.Debian12, Probe)
            .ShouldMatchApproved(c => c.SubFolder("approved").WithFileExtension("txt"));

    [Fact]
    public void Ansible_yaml_is_a_list_of_tasks_whose_copy_content_is_the_drop_in_byte_for_byte()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(AnsibleExport.Write("nginx.service", ExportSamples.NginxText, ExportSamples.Debian12, Probe)));

        var tasks = ((YamlSequenceNode)yaml.Documents.Single().RootNode).Children.Cast<YamlMappingNode>().ToList();
        var copy = tasks.Single(t => t.Children.ContainsKey("ansible.builtin.copy"));
        var args = (YamlMappingNode)copy["ansible.builtin.copy"];
        ((YamlScalarNode)args["content"]).Value.ShouldBe(ExportSamples.NginxText);
        ((YamlScalarNode)args["dest"]).Value.ShouldBe("/etc/systemd/system/nginx.service.d/90-hardentui.conf");
        ((YamlScalarNode)args["mode"]).Value.ShouldBe("0644");
        tasks.Count(t => t.Children.ContainsKey("when") && ((YamlScalarNode)t["when"]).Value == "hardentui_dropin is changed").ShouldBe(2);
        var learned = (YamlMappingNode)((YamlMappingNode)tasks[1]["vars"])["hardentui_learned"];
        learned.Children.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString())
            .ShouldBe(ExportSamples.Debian12.Fields.ToDictionary(f => f.Key, f => f.Value));
        tasks.Last()["ansible.builtin.shell"].ToString().ShouldBe(Probe);
    }

    [Fact]
    public void Ansible_without_a_probe_checks_only_that_the_unit_is_active()
    {
        var text = AnsibleExport.Write("nginx.service", ExportSamples.NginxText, ExportSamples.Debian12, probe: null);

        text.ShouldNotContain("ansible.builtin.shell");
        text.ShouldContain("ansible.builtin.command: systemctl is-active nginx.service");
    }

    [Fact]
    public void Nixos_values_have_nix_types_and_repeats_merge_as_systemd_merges_them()
    {
        var attrs = NixAttributes(NixosExport.Write(ExportSamples.Nginx, ExportSamples.Debian12));

        attrs["ProtectSystem"].ShouldBe("\"full\"");
        attrs["ProtectHome"].ShouldBe("true");
        attrs["PrivateTmp"].ShouldBe("true");
        attrs["RestrictNamespaces"].ShouldBe("true");
        attrs["SystemCallFilter"].ShouldBe("[ \"@system-service\" \"~@privileged @resources\" ]");
        attrs["SystemCallArchitectures"].ShouldBe("[ \"native\" ]");
        attrs["ReadWritePaths"].ShouldBe("[ \"-/run -/var/lib/nginx -/var/log/nginx\" ]");
        attrs["UMask"].ShouldBe("\"0027\"");
        attrs.Count.ShouldBe(ExportSamples.Nginx.Directives.Select(d => d.Name).Distinct().Count());
    }

    [Fact]
    public void Nixos_strings_escape_quotes_backslashes_and_interpolation()
    {
        var odd = new DropIn("odd.service", [new("Environment", "A=\"x\\y\" B=${HOME}", "r")]);

        NixAttributes(NixosExport.Write(odd, ExportSamples.Debian12))["Environment"].ShouldBe("\"A=\\\"x\\\\y\\\" B=\\${HOME}\"");
    }

    [Fact]
    public void Nixos_warns_that_exec_paths_from_a_fhs_host_do_not_fit_the_nix_store()
    {
        var withExec = ExportSamples.Nginx with { Directives = [.. ExportSamples.Nginx.Directives, new("NoExecPaths", "/", "r"), new("ExecPaths", "-/usr/sbin/nginx", "r")] };

        NixosExport.Write(withExec, ExportSamples.Debian12).ShouldContain("# so adjust it (or drop NoExecPaths= and ExecPaths=) or the service fails with 203/EXEC.");
        NixosExport.Write(ExportSamples.Nginx, ExportSamples.Debian12).ShouldNotContain("ExecPaths");
    }

    [Fact]
    public void Nixos_refuses_a_unit_that_is_not_a_service() =>
        Should.Throw<BadInputException>(() => NixosExport.Write(new DropIn("tmp.mount", []), ExportSamples.Debian12));

    [Fact]
    public void Exported_profile_loads_with_the_profiles_loader_and_writes_the_same_lines()
    {
        var text = ProfileExport.Write(ExportSamples.Nginx, ExportSamples.Debian12, Probe);

        var profile = ProfileLoader.Load(text, "nginx.yaml");
        HostFingerprint.Read(text).ShouldBe(ExportSamples.Debian12);
        profile.Probe.ShouldBe(Probe);
        profile.AppliesTo("nginx.service").ShouldBeTrue();
        profile.ToDropIn("nginx.service").Directives.Select(d => d.Line).Order()
            .ShouldBe(ExportSamples.Nginx.Directives.Select(d => d.Line).Order());
    }

    /// <summary>
    /// A parse sanity check of the snippet (nix-instantiate is not on this machine): one attribute set whose every
    /// line is `Name = value;` with value a bool, a well-formed string or a list of such strings; braces balance.
    /// </summary>
    private static Dictionary<string, string> NixAttributes(string nix)
    {
        const string str = "\"(?:[^\"\\\\$]|\\\\.|\\$(?!\\{))*\"";
        var lines = nix.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        lines[0].ShouldMatch("^systemd\\.services\\.\"[^\"]+\"\\.serviceConfig = \\{$");
        var end = lines.IndexOf("};");
        end.ShouldBeGreaterThan(0);
        var attrs = new Dictionary<string, string>();
        foreach (var line in lines[1..end])
        {
            var m = Regex.Match(line, $"^  ([A-Za-z0-9]+) = (true|false|{str}|\\[(?: {str})+ \\]);$");
            m.Success.ShouldBeTrue($"not a well-formed attribute: {line}");
            attrs.Add(m.Groups[1].Value, m.Groups[2].Value);
        }
        // The systemd the drop-in needs (its newest directive or value), then the learned-elsewhere warning.
        var assertions = lines[end + 1].StartsWith("assertions", StringComparison.Ordinal) ? 1 : 0; // only when the catalog knows a directive
        if (assertions == 1) lines[end + 1].ShouldMatch($"^assertions = \\[ \\{{ assertion = lib\\.versionAtLeast config\\.systemd\\.package\\.version {str}; message = {str} \\+ config\\.systemd\\.package\\.version; \\}} \\];$");
        string.Join('\n', lines[(end + 1 + assertions)..]).ShouldMatch($"^warnings = lib\\.optional \\(.*\\)\\n  {str};$");
        var code = Regex.Replace(string.Join('\n', lines), str, "\"\"");
        code.Count(c => c == '{').ShouldBe(code.Count(c => c == '}'));
        code.Count(c => c == '(').ShouldBe(code.Count(c => c == ')'));
        return attrs;
    }
}
