using System.Text;
using HardenTui.Core.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tracing;

public class StraceArgsTests
{
    private static string Nth(string args, int n) => Encoding.UTF8.GetString(StraceArgs.Nth(Encoding.UTF8.GetBytes(args), n));

    private static string Unquote(string arg)
    {
        var buffer = new byte[4096];
        var n = StraceArgs.Unquote(Encoding.UTF8.GetBytes(arg), buffer);
        return n < 0 ? "<not a string>" : Encoding.UTF8.GetString(buffer, 0, n);
    }

    [Fact]
    public void Nested_structs_arrays_and_strings_stay_one_argument()
    {
        const string args = "6, {sa_family=AF_INET6, sin6_port=htons(80), inet_pton(AF_INET6, \"::\", &sin6_addr), sin6_scope_id=0}, 28";
        Nth(args, 0).ShouldBe("6");
        Nth(args, 1).ShouldBe("{sa_family=AF_INET6, sin6_port=htons(80), inet_pton(AF_INET6, \"::\", &sin6_addr), sin6_scope_id=0}");
        Nth(args, 2).ShouldBe("28");
        Nth(args, 3).ShouldBe("");
        Nth("\"/a,b\", [\"x\", \"y\"], 0x7ffc /* 47 vars */", 2).ShouldBe("0x7ffc /* 47 vars */");
    }

    [Theory]
    [InlineData("\"/etc/hostname\"", "/etc/hostname")]
    [InlineData("\"/tmp/with space\"", "/tmp/with space")]
    [InlineData("\"/tmp/quote\\\"d\"", "/tmp/quote\"d")]
    [InlineData("\"/tmp/caf\\303\\251\"", "/tmp/café")]
    [InlineData("\"/tmp/\\x41\\t\"", "/tmp/A\t")]
    [InlineData("\"\"...", "")] // -s 0 truncation
    [InlineData("\"/usr/lib\"...", "/usr/lib")]
    [InlineData("NULL", "<not a string>")]
    public void Unquotes_c_escapes_and_truncation(string arg, string expected) => Unquote(arg).ShouldBe(expected);

    [Theory]
    [InlineData("PROT_READ|PROT_EXEC", "PROT_EXEC", true)]
    [InlineData("PROT_READ|PROT_EXEC", "PROT_READ", true)]
    [InlineData("O_WRONLY|O_CREAT", "O_CREAT", true)]
    [InlineData("O_RDONLY|O_CLOEXEC", "O_RDONLY", true)]
    [InlineData("SOCK_STREAM|SOCK_CLOEXEC", "SOCK_CLOEXEC", true)]
    [InlineData("O_RDWR", "O_RDWRX", false)]
    [InlineData("CLONE_NEWNS", "CLONE_NEW", false)]
    public void Flags_match_whole_words(string flags, string flag, bool expected) =>
        StraceArgs.HasFlag(Encoding.ASCII.GetBytes(flags), Encoding.ASCII.GetBytes(flag)).ShouldBe(expected);

    [Theory]
    [InlineData("3</usr/lib/x86_64-linux-gnu/libc.so.6>", 3)]
    [InlineData("0x7f966bab6000", 0x7f966bab6000)]
    [InlineData("-1", -1)]
    public void Integers_and_decorated_fds(string arg, long expected)
    {
        StraceArgs.TryInteger(Encoding.ASCII.GetBytes(arg), out var v).ShouldBeTrue();
        v.ShouldBe(expected);
    }
}
