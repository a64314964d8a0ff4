using HardenTui.Core;
using HardenTui.Core.Units;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Units;

public class UnitFileTests
{
    [Fact]
    public void Reads_sections_repeated_keys_and_empty_resets_in_order_with_line_numbers()
    {
        var file = UnitFile.Parse("# head\n[Unit]\nDescription=web\n\n[Service]\n; note\nExecStart=/bin/a\nSystemCallFilter=@a\nSystemCallFilter=\nSystemCallFilter=~@b\n", "x.service");
        file.Assignments.Select(a => $"{a.Section}/{a.Key}={a.Value}@{a.Line}").ShouldBe(
        [
            "Unit/Description=web@3", "Service/ExecStart=/bin/a@7", "Service/SystemCallFilter=@a@8",
            "Service/SystemCallFilter=@9", "Service/SystemCallFilter=~@b@10",
        ]);
    }

    [Fact]
    public void Joins_continued_lines_skipping_comments_inside_and_keeps_quotes_and_specifiers()
    {
        var file = UnitFile.Parse("[Service]\nExecStart=/bin/sh -c \\\n# skipped\n  \"echo '%i'\"\nUser=%i\n", "t@.service");
        file.Assignments[0].Value.ShouldBe("/bin/sh -c  \"echo '%i'\"");
        file.Assignments[0].Line.ShouldBe(2);
        file.Assignments[1].Value.ShouldBe("%i");
    }

    [Theory]
    [InlineData("Foo=bar\n", "x.service:1: assignment outside of any [Section]")]
    [InlineData("[Service]\nnot an assignment\n", "x.service:2: expected Key=Value")]
    [InlineData("[Service\n", "x.service:1: malformed section header")]
    public void Malformed_lines_are_bad_input_with_their_line_number(string text, string message)
    {
        Should.Throw<BadInputException>(() => UnitFile.Parse(text, "x.service")).Message.ShouldStartWith(message);
    }
}
