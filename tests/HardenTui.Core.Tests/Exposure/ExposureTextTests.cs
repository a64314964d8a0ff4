using System.Text;
using System.Text.Json;
using HardenTui.Core.Exposure;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Exposure;

public class ExposureTextTests
{
    [Fact]
    public void Table_is_laid_out_like_systemd_analyze_with_ascii_marks()
    {
        var report = ExposureScorer.Score(SecurityInfo.FromUnit(Golden.OfflineUnit("nobody.service"), Golden.Groups));
        var systemd = File.ReadAllText(Path.Combine(Golden.Root, "offline", "nobody.service.txt"))
            .Replace("\u2713", "+").Replace("\u2717", "-").Replace("\u2192", "->").Replace(" \U0001F628", "");
        ExposureText.Table(report).ShouldBe(systemd);
    }

    [Fact]
    public void Json_carries_unit_exposure_predicate_and_systemds_row_objects()
    {
        var record = Golden.Read("online", "redis-server.service");
        var report = ExposureScorer.Score(Golden.Online(record));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, ExposureText.JsonOptions))
            ExposureText.WriteJson(writer, report);
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).RootElement;
        json.GetProperty("unit").GetString().ShouldBe("redis-server.service");
        json.GetProperty("exposure").GetDouble().ShouldBe(1.1);
        json.GetProperty("predicate").GetString().ShouldBe("OK");
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(json.GetProperty("rows").GetRawText()),
            System.Text.Json.Nodes.JsonNode.Parse(record.GetProperty("analyze").GetRawText())).ShouldBeTrue();
    }

    [Fact]
    public void Rows_carry_the_level_of_their_directive()
    {
        var report = ExposureScorer.Score(Golden.Online(Golden.Read("online", "nginx.service")));
        report.Rows.Single(r => r.Name == "SystemCallFilter=~@swap").Level.ShouldBe(HardenTui.Core.Directives.HardeningLevel.Syscalls);
        report.Rows.Single(r => r.Name == "PrivateNetwork=").Level.ShouldBe(HardenTui.Core.Directives.HardeningLevel.Network);
        report.Rows.ShouldAllBe(r => r.Level != null);
    }
}
