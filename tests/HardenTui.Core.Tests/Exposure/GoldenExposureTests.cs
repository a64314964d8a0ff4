using HardenTui.Core.Exposure;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Exposure;

public class GoldenExposureTests
{
    public static IEnumerable<object[]> OnlineUnits => Golden.Names("online");
    public static IEnumerable<object[]> OfflineUnits => Golden.Names("offline");
    public static IEnumerable<object[]> DropInCases => Golden.Names("dropin");

    [Theory]
    [MemberData(nameof(OnlineUnits))]
    public void Loaded_unit_matches_systemd_analyze(string unit)
    {
        var record = Golden.Read("online", unit);
        var report = ExposureScorer.Score(Golden.Online(record));
        AssertSame(record, report);
    }

    [Theory]
    [MemberData(nameof(OfflineUnits))]
    public void Unit_file_matches_systemd_analyze_offline(string file)
    {
        var record = Golden.Read("offline", file);
        var report = ExposureScorer.Score(SecurityInfo.FromUnit(Golden.OfflineUnit(file), Golden.Groups));
        AssertSame(record, report);
    }

    [Theory]
    [MemberData(nameof(DropInCases))]
    public void Preview_matches_systemd_analyze_after_the_drop_in_is_applied(string name)
    {
        var record = Golden.Read("dropin", name);
        var before = Golden.Online(Golden.Read("online", record.GetProperty("unit").GetString()!));
        var report = ExposureScorer.Preview(before, record.GetProperty("dropin").GetString()!);
        AssertSame(record, report);
    }

    [Fact]
    public void Preview_leaves_the_current_info_untouched()
    {
        var before = Golden.Online(Golden.Read("online", "nginx.service"));
        var exposure = ExposureScorer.Score(before).ExposureTenths;
        ExposureScorer.Preview(before, "[Service]\nProtectSystem=strict\nSystemCallFilter=@system-service\n").ExposureTenths.ShouldBeLessThan(exposure);
        ExposureScorer.Score(before).ExposureTenths.ShouldBe(exposure);
    }

    private static void AssertSame(System.Text.Json.JsonElement record, ExposureReport report)
    {
        Golden.Actual(report).ShouldBe(Golden.Expected(record));
        report.ExposureText.ShouldBe(record.GetProperty("overall").GetString());
        report.Predicate.ShouldBe(record.GetProperty("predicate").GetString());
    }
}
