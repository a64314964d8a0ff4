using HardenTui.Core.Units;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Units;

public class UnitNameTests
{
    [Theory]
    [InlineData("nginx.service", "nginx", null)]
    [InlineData("postgresql@15-main.service", "postgresql", "15-main")]
    [InlineData("getty@.service", "getty", "")]
    [InlineData("systemd-fsck@dev-disk-by\\x2duuid-1234.service", "systemd-fsck", "dev-disk-by\\x2duuid-1234")]
    [InlineData("a:b_c.d-e.service", "a:b_c.d-e", null)]
    [InlineData("x@y@z.service", "x", "y@z")]
    public void Accepts_systemd_grammar(string text, string prefix, string? instance)
    {
        var name = UnitName.Parse(text);
        name.Value.ShouldBe(text);
        name.Prefix.ShouldBe(prefix);
        name.Instance.ShouldBe(instance);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../x", "not a path")]
    [InlineData("a/b", "not a path")]
    [InlineData("nginx", "did you mean 'nginx.service'")]
    [InlineData("nginx.", "did you mean 'nginx.service'")]
    [InlineData(".service", "suffix")]
    [InlineData("nginx.bogus", "suffix")]
    [InlineData("nginx.socket", "not .socket units")]
    [InlineData("@x.service", "before '@' is empty")]
    [InlineData("ng inx.service", "' ' is not allowed")]
    [InlineData("ng$inx.service", "'$' is not allowed")]
    [InlineData("a;rm -rf.service", "';' is not allowed")]
    [InlineData("n\nx.service", "'\\n' is not allowed")]
    public void Rejects_with_one_line_reason(string text, string reason)
    {
        var e = Should.Throw<BadInputException>(() => UnitName.Parse(text));
        e.Message.ShouldContain(reason);
        e.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void Length_limit_is_255()
    {
        UnitName.Parse(new string('a', 247) + ".service").Value.Length.ShouldBe(255);
        Should.Throw<BadInputException>(() => UnitName.Parse(new string('a', 248) + ".service")).Message.ShouldContain("longer than 255");
    }

    [Fact]
    public void Template_of_an_instance()
    {
        UnitName.Parse("foo@bar.service").TemplateName.ShouldBe("foo@.service");
        UnitName.Parse("foo@.service").IsTemplate.ShouldBeTrue();
        UnitName.Parse("foo.service").TemplateName.ShouldBe("foo.service");
    }

    [Theory]
    [InlineData("-Mfoo.service", "starts with '-'")]
    [InlineData("--help", "starts with '-'")]
    [InlineData("foo@.service", "a template; name an instance")]
    [InlineData("a\u001b]0;x\u0007.service", "'a\\x1b]0;x\\x07.service'")]
    public void From_user_refuses_options_templates_and_shows_escapes(string text, string reason)
    {
        var e = Should.Throw<BadInputException>(() => UnitName.FromUser(text));
        e.Message.ShouldContain(reason);
        e.Message.Any(c => c < ' ').ShouldBeFalse();
    }

    [Fact]
    public void From_user_reads_a_bare_name_as_a_service_like_systemctl() => UnitName.FromUser("nginx").Value.ShouldBe("nginx.service");
}
