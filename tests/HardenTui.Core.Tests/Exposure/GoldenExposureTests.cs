using HardenTui.Core.Exposure;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Exposure;

public class GoldenExposureTests
{
    public static IEnumerable<object[]> OnlineUnits => Golden.Names("online");
    public static IEnumerable<object[]> OfflineUnits => Golden.Names("offline");
    public static IEnumerable<object[]> DropInCases => Golden.Names("dropin");
    public static IEnumerable<object[]> OtherVersionsOnline => Golden.VersionedNames("online");
    public static IEnumerable<object[]> OtherVersionsOffline => Golden.VersionedNames("offline");

    [Theory]
    [MemberData(nameof(OtherVersionsOnline))]
    public void Loaded_unit_matches_that_versions_systemd_analyze(int version, string unit)
    {
        var record = Golden.Read("online", unit, version);
        AssertSame(record, ExposureScorer.Score(Golden.Online(record, groups: Golden.GroupsOf(version))));
    }

    [Theory]
    [MemberData(nameof(OtherVersionsOffline))]
    public void Unit_file_matches_that_versions_systemd_analyze_offline(int version, string file)
    {
        var record = Golden.Read("offline", file, version);
        AssertSame(record, ExposureScorer.Score(SecurityInfo.FromUnit(Golden.OfflineUnit(file), Golden.GroupsOf(version))));
    }

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
        var before = Golden.Online(Golden.Read("online", record.GetProperty("unit").GetString()!), record.GetProperty("unit_text").GetString());
        var report = ExposureScorer.Preview(before, record.GetProperty("dropin").GetString()!);
        AssertSame(record, report);
    }

    [Fact]
    public void Without_the_unit_text_a_preview_restores_capabilities_only_for_sets_never_written_as_allow_lists()
    {
        // systemd-logind writes its bounding set as an allow-list, so turning ProtectClock= off brings nothing back.
        var logind = Golden.Online(Golden.Read("online", "systemd-logind.service"));
        var record = Golden.Read("dropin", "systemd-logind.service@@undo-clock");
        AssertSame(record, ExposureScorer.Preview(logind, record.GetProperty("dropin").GetString()!));
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
