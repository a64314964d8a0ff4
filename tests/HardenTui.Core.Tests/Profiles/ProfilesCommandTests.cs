using HardenTui.Cli;
using HardenTui.Core.Profiles;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Profiles;

/// <summary>`hardentui profiles`, `profiles show` and `apply --profile` input handling, without a systemd.</summary>
[Collection("console")]
public class ProfilesCommandTests
{
    private static string Repo => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));

    [Fact]
    public void Every_shipped_profile_loads_is_named_after_its_file_and_has_a_probe()
    {
        var files = Directory.GetFiles(Path.Combine(Repo, "profiles"), "*.yaml");
        files.Length.ShouldBeGreaterThanOrEqualTo(10);
        foreach (var file in files)
        {
            var profile = ProfileLoader.Load(File.ReadAllText(file), file);
            profile.Name.ShouldBe(Path.GetFileNameWithoutExtension(file));
            profile.Probe.ShouldNotBeNullOrWhiteSpace(file);
            profile.Directives.ShouldAllBe(d => d.Reason.Length > 10, file);
        }
    }

    [Fact]
    public void List_shows_each_shipped_profile_with_its_units_and_directive_count()
    {
        var (exit, stdout, _) = CliRun.Run("profiles");
        exit.ShouldBe(CliApp.ExitOk);
        stdout.ShouldStartWith("NAME");
        var nginx = ProfileLoader.Load(File.ReadAllText(Path.Combine(Repo, "profiles/nginx.yaml")), "nginx.yaml");
        stdout.Split('\n').ShouldContain(l => l.StartsWith("nginx ") && l.Contains("nginx.service") && l.Contains($" {nginx.Directives.Count}  {nginx.Description}"));
    }

    [Fact]
    public void Show_prints_the_profile_and_its_drop_in()
    {
        var (exit, stdout, _) = CliRun.Run("profiles", "show", "nginx");
        exit.ShouldBe(CliApp.ExitOk);
        ProfileLoader.Load(stdout[..stdout.IndexOf("\n# The drop-in", StringComparison.Ordinal)], "out").Name.ShouldBe("nginx");
        stdout.ShouldContain("# The drop-in it writes for nginx.service:");
        stdout.ShouldContain("\nProtectSystem=");
    }

    [Fact]
    public void Bad_yaml_is_one_line_and_exit_2_before_systemd_is_asked()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hardentui-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "name: bad\ndescription: d\nunits: [x.service]\ndirectives:\n  ProtectSistem: {value: strict, reason: r}\n");
        try
        {
            foreach (var args in new[] { new[] { "profiles", "show", file }, ["apply", "x.service", "--profile", file, "--yes"] })
            {
                var (exit, _, stderr) = CliRun.Run(args);
                exit.ShouldBe(CliApp.ExitBadInput);
                stderr.ShouldBe($"hardentui: {file}:5:3: unknown directive ProtectSistem (did you mean ProtectSystem?)\n");
            }
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Unknown_shipped_name_is_bad_input() =>
        CliRun.Run("profiles", "show", "no-such-daemon").Exit.ShouldBe(CliApp.ExitBadInput);
}
