using System.Text.Json;
using HardenTui.Cli;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Exposure;

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>
/// `hardentui analyze --offline` end to end (reads the host's syscall groups via systemd-analyze; with
/// --systemd-version, the recorded groups of that systemd and no process).
/// </summary>
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

    public static TheoryData<int> RecordedVersions => new(252, 254, 257);

    /// <summary>
    /// `--offline --systemd-version N` on this machine (whatever its systemd) gives what systemd N's own
    /// `systemd-analyze security --offline=true` printed for every recorded unit file: rows, overall and predicate.
    /// </summary>
    [Theory]
    [MemberData(nameof(RecordedVersions))]
    public void Offline_standing_in_for_another_systemd_equals_that_versions_goldens(int version)
    {
        var goldens = Directory.GetFiles(Path.Combine(Golden.RootOf(version), "offline"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToList();
        goldens.Count.ShouldBe(40);

        var (exit, stdout, stderr) = Run(["analyze", "--offline", "--json", "--systemd-version", $"{version}",
            .. goldens.Select(g => Path.Combine(Units, g.GetProperty("file").GetString()!))]);

        exit.ShouldBe(CliApp.ExitOk, stderr);
        stderr.ShouldBeEmpty();
        var reports = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        reports.Count.ShouldBe(goldens.Count);
        foreach (var (golden, report) in goldens.Zip(reports))
        {
            var file = golden.GetProperty("file").GetString();
            Rows(report.GetProperty("rows")).ShouldBe(Rows(golden.GetProperty("analyze")), $"{file} as systemd {version}");
            report.GetProperty("exposure").GetDouble().ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
                .ShouldBe(golden.GetProperty("overall").GetString(), $"{file} as systemd {version}");
            report.GetProperty("predicate").GetString().ShouldBe(golden.GetProperty("predicate").GetString(), $"{file} as systemd {version}");
        }
    }

    [Fact]
    public void The_version_decides_offline_private_mounts_and_new_values()
    {
        var file = Path.Combine(Units, "empty.service");
        Run("analyze", "--offline", "--systemd-version", "252", file).Stdout.ShouldContain("Overall exposure level for empty.service: 9.6 UNSAFE");
        Run("analyze", "--offline", "--systemd-version", "257", file).Stdout.ShouldContain("Overall exposure level for empty.service: 9.4 UNSAFE");
        // 255 and 258 have no recorded syscall groups of their own: said on one line, the rest follows the version asked.
        var (exit, stdout, stderr) = Run("analyze", "--offline", "--systemd-version", "258", file);
        exit.ShouldBe(CliApp.ExitOk);
        stdout.ShouldContain("9.4 UNSAFE");
        stderr.Trim().ShouldBe("hardentui: systemd 258's syscall groups are not recorded; using 257's (everything else follows 258)");
    }

    [Theory]
    [InlineData("12x", "--systemd-version 12x: not a systemd version number (such as 252 or 257)")]
    [InlineData("", "--systemd-version : not a systemd version number (such as 252 or 257)")]
    [InlineData("-5", "--systemd-version -5: not a systemd version number (such as 252 or 257)")]
    [InlineData("2570000", "--systemd-version 2570000: not a systemd version number (such as 252 or 257)")]
    [InlineData("251", "--systemd-version 251: HardenTui knows systemd 252 to 258")]
    [InlineData("259", "--systemd-version 259: HardenTui knows systemd 252 to 258")]
    public void A_bad_systemd_version_is_one_line_and_exit_2(string value, string message)
    {
        var (exit, stdout, stderr) = Run("analyze", "--offline", "--systemd-version", value, Path.Combine(Units, "empty.service"));
        exit.ShouldBe(CliApp.ExitBadInput);
        stdout.ShouldBeEmpty();
        stderr.ShouldBe($"hardentui: {message}\n");
    }

    [Fact]
    public void A_systemd_version_without_offline_is_refused()
    {
        var (exit, _, stderr) = Run("analyze", "--systemd-version", "257", "nginx.service");
        exit.ShouldBe(CliApp.ExitBadInput);
        stderr.ShouldBe("hardentui: --systemd-version needs --offline (loaded units are scored as the running systemd's)\n");
    }

    private static string[] Rows(JsonElement rows) =>
        rows.EnumerateArray().Select(r => $"{r.GetProperty("set")} | {r.GetProperty("name")} | {r.GetProperty("json_field")} | {r.GetProperty("description")} | {r.GetProperty("exposure")}").ToArray();

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args) => CliRun.Run(args);
}
