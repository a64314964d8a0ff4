using System.Text.Json;
using HardenTui.Cli;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Exposure;

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>`hardentui analyze --offline` end to end (reads the host's syscall groups via systemd-analyze).</summary>
[Collection("console")]
public class AnalyzeCommandTests
{
    private static readonly string Units = Path.Combine(Golden.Root, "offline", "units");

    [Fact]
    public void Offline_json_prints_unit_exposure_predicate_and_systemds_rows()
    {
        var (exit, stdout, _) = Run("analyze", "--offline", "--json", Path.Combine(Units, "full.service"));
        exit.ShouldBe(CliApp.ExitOk);
        var json = JsonDocument.Parse(stdout).RootElement;
        json.GetProperty("unit").GetString().ShouldBe("full.service");
        json.GetProperty("exposure").GetDouble().ShouldBe(0.3);
        json.GetProperty("predicate").GetString().ShouldBe("SAFE");
        json.GetProperty("rows").GetArrayLength().ShouldBe(81);
    }

    [Fact]
    public void Several_units_give_an_array_and_a_drop_in_adds_before_and_delta()
    {
        var dropIn = Path.Combine(Path.GetTempPath(), $"hardentui-analyze-{Environment.ProcessId}.conf");
        File.WriteAllText(dropIn, "[Service]\nProtectSystem=strict\n");
        try
        {
            var (exit, stdout, _) = Run("analyze", "--offline", "--json", "--with-dropin", dropIn,
                Path.Combine(Units, "empty.service"), Path.Combine(Units, "dynamic.service"));
            exit.ShouldBe(CliApp.ExitOk);
            var units = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
            units.Select(u => u.GetProperty("unit").GetString()).ShouldBe(["empty.service", "dynamic.service"]);
            units[0].GetProperty("exposure_before").GetDouble().ShouldBe(9.6);
            units[0].GetProperty("exposure").GetDouble().ShouldBe(9.4);
            units[0].GetProperty("delta").GetDouble().ShouldBe(-0.2);
            units[1].GetProperty("delta").GetDouble().ShouldBe(0.0);
        }
        finally
        {
            File.Delete(dropIn);
        }
    }

    [Fact]
    public void Text_ends_with_the_overall_line()
    {
        var (exit, stdout, _) = Run("analyze", "--offline", Path.Combine(Units, "empty.service"));
        exit.ShouldBe(CliApp.ExitOk);
        stdout.TrimEnd().Split('\n')[^1].ShouldBe("-> Overall exposure level for empty.service: 9.6 UNSAFE");
    }

    [Fact]
    public void Unreadable_files_and_broken_unit_files_are_one_line_and_exit_2()
    {
        var (exit, _, stderr) = Run("analyze", "--offline", "/nonexistent/x.service");
        exit.ShouldBe(CliApp.ExitBadInput);
        stderr.Trim().Split('\n').Length.ShouldBe(1);

        var broken = Path.Combine(Path.GetTempPath(), $"hardentui-broken-{Environment.ProcessId}.service");
        File.WriteAllText(broken, "[Service]\nExecStart=/bin/true\nnonsense\n");
        try
        {
            (exit, _, stderr) = Run("analyze", "--offline", broken);
            exit.ShouldBe(CliApp.ExitBadInput);
            stderr.ShouldContain($"{broken}:3: expected Key=Value");
        }
        finally
        {
            File.Delete(broken);
        }
        Run("analyze", "nginx.").Exit.ShouldBe(CliApp.ExitBadInput);
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args) => CliRun.Run(args);
}
