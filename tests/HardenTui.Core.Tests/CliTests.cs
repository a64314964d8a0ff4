using System.CommandLine;
using HardenTui.Cli;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests;

[Collection("console")]
public class CliTests
{
    [Fact]
    public void Unknown_flag_is_bad_input()
    {
        CliApp.Run(["--definitely-not-a-flag"]).ShouldBe(CliApp.ExitBadInput);
    }

    /// <summary>Every command below the root (profiles show too), as the words that name it.</summary>
    public static TheoryData<string> Subcommands()
    {
        var data = new TheoryData<string>();
        void Walk(Command c, string path)
        {
            foreach (var sub in c.Subcommands)
            {
                data.Add((path + " " + sub.Name).Trim());
                Walk(sub, path + " " + sub.Name);
            }
        }
        Walk(CliApp.BuildRoot(), "");
        return data;
    }

    /// <summary>The root's name is the executable's: hardentui, testhost under the test runner.</summary>
    private static string Self => CliApp.BuildRoot().Name;

    private static Command Named(string path) =>
        path.Split(' ').Aggregate((Command)CliApp.BuildRoot(), (c, word) => c.Subcommands.Single(s => s.Name == word));

    [Theory]
    [MemberData(nameof(Subcommands))]
    public void A_commands_help_shows_its_own_arguments_and_options_and_not_the_wizards_unit(string path)
    {
        var (exit, help, stderr) = CliRun.Run([.. path.Split(' '), "--help"]);
        exit.ShouldBe(CliApp.ExitOk, stderr);
        var usage = help.Split('\n').SkipWhile(l => l.Trim() != "Usage:").Skip(1).First().Trim();
        // The wizard's unit goes before no command: `hardentui [<unit>] trace <unit>` read as two units to a stranger.
        usage.ShouldStartWith($"{Self} {path}", Case.Sensitive, help);
        help.ShouldNotContain("Open this service directly", Case.Sensitive, help);
        var command = Named(path);
        foreach (var option in CliApp.BuildRoot().Options.Where(o => !o.Recursive && command.Options.All(own => own.Name != o.Name)))
            help.ShouldNotContain(option.Name, Case.Sensitive, $"the wizard's {option.Name} is the root's, not this command's");
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            usage.ShouldContain($"<{argument.Name}>", Case.Sensitive, help);
            help.ShouldContain($"  <{argument.Name}>", Case.Sensitive, help);
        }
        foreach (var option in command.Options.Where(o => !o.Hidden))
            help.ShouldContain(option.Name, Case.Sensitive, help);
        // Each <name> in the arguments section is listed once: no second, inherited <unit>.
        var argumentRows = help.Split('\n').SkipWhile(l => l.Trim() != "Arguments:").Skip(1).TakeWhile(l => l.Length > 0)
            .Where(l => l.StartsWith("  <")).Select(l => l.Trim().Split(' ')[0]).ToList();
        argumentRows.ShouldBe(command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>"), help);
    }

    [Fact]
    public void The_roots_help_says_how_to_open_a_unit_directly_and_lists_every_command()
    {
        var (exit, help, _) = CliRun.Run("--help");
        exit.ShouldBe(CliApp.ExitOk);
        help.ShouldContain($"{Self} [<unit>]");
        help.ShouldContain("<unit>");
        help.ShouldContain("Open this service directly");
        help.ShouldContain("--soak");
        foreach (var command in CliApp.BuildRoot().Subcommands)
            help.ShouldContain($"  {command.Name}");
    }

    [Theory]
    [InlineData("nginx", "trace", "nginx")]
    [InlineData("nginx.service", "profiles")]
    [InlineData("nginx", "analyze", "nginx")]
    [InlineData("nginx", "profiles", "show", "nginx")]
    public void A_unit_before_a_command_is_bad_input_not_silently_dropped(params string[] args)
    {
        var (exit, stdout, stderr) = CliRun.Run(args);
        exit.ShouldBe(CliApp.ExitBadInput, stdout + stderr);
        stdout.ShouldBeEmpty();
        stderr.TrimEnd('\n').ShouldNotContain('\n', stderr);
        stderr.ShouldContain($"'{args[0]}'");
        stderr.ShouldContain($"hardentui {args[1]}{(args is [_, "profiles", "show", ..] ? " show" : "")} takes its own");
    }

    [Theory]
    [InlineData("trace")]
    [InlineData("analyze")]
    [InlineData("profiles", "show")]
    [InlineData("no/such")]
    public void Bad_input_is_one_line_and_exit_2(params string[] args)
    {
        var (exit, stdout, stderr) = CliRun.Run(args);
        exit.ShouldBe(CliApp.ExitBadInput, stdout + stderr);
        stdout.ShouldBeEmpty();
        stderr.TrimEnd('\n').ShouldNotContain('\n', stderr);
        stderr.ShouldStartWith("hardentui: ");
    }

    [Fact]
    public void Hardentui_inside_the_sandbox_is_this_same_program()
    {
        // From a checkout no hardentui is on the sandbox's PATH: `sandbox -- hardentui analyze nginx` ran "hardentui: not found" (127).
        string[] self = ["/usr/share/dotnet/dotnet", "/src/bin/hardentui.dll"];
        SandboxCommand.Inside(["hardentui", "analyze", "nginx"], self).ShouldBe(["/usr/share/dotnet/dotnet", "/src/bin/hardentui.dll", "analyze", "nginx"]);
        SandboxCommand.Inside(["hardentui"], self).ShouldBe(self);
        SandboxCommand.Inside(["sh", "-c", "hardentui analyze nginx"], self).ShouldBe(["sh", "-c", "hardentui analyze nginx"]);
        SandboxCommand.Inside(["/usr/bin/hardentui", "--version"], self).ShouldBe(["/usr/bin/hardentui", "--version"]);
    }

    [Fact]
    public void Findings_that_are_not_findings_name_the_file()
    {
        // It said "findings file is not HardenTui findings JSON: 'r' is an invalid start of a value …", naming no file.
        var file = Path.Combine(Path.GetTempPath(), $"hardentui-not-findings-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "root:x:0:0:root:/root:/bin/bash\n");
        try
        {
            var (exit, stdout, stderr) = CliRun.Run("propose", "nginx", "--findings", file);
            exit.ShouldBe(CliApp.ExitBadInput, stderr);
            stdout.ShouldBeEmpty();
            stderr.ShouldStartWith($"hardentui: findings {file} is not HardenTui findings JSON");
            stderr.TrimEnd('\n').ShouldNotContain('\n');
        }
        finally { File.Delete(file); }
    }
}
