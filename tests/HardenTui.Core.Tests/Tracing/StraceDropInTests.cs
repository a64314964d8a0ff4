using HardenTui.Core.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tracing;

public class StraceDropInTests
{
    private static readonly ExecCommand Nginx = new("/usr/sbin/nginx", ["/usr/sbin/nginx", "-g", "daemon on; master_process on;"], []);

    [Fact]
    public void Wraps_every_command_with_its_own_trace_file_and_keeps_prefixes()
    {
        var (text, files) = StraceDropIn.Render("forking", new Dictionary<string, IReadOnlyList<ExecCommand>>
        {
            ["ExecStartPre"] = [Nginx with { Argv = ["/usr/sbin/nginx", "-t", "-q"], Flags = ["ignore-failure"] }],
            ["ExecStart"] = [Nginx],
            ["ExecReload"] = [new ExecCommand("/bin/kill", ["/bin/kill", "-HUP", "$MAINPID"], [])],
        }, "/run/hardentui-trace/nginx.service");
        text.ShouldBe("""
            # Written by hardentui trace; removed when the trace stops.
            [Service]
            TimeoutStopSec=20s
            ExecStartPre=
            ExecStartPre=-/usr/bin/strace -f -A -s 0 -o /run/hardentui-trace/nginx.service/ExecStartPre.0 -- /usr/sbin/nginx -t -q
            ExecStart=
            ExecStart=/usr/bin/strace -f -D -A -s 0 -o /run/hardentui-trace/nginx.service/ExecStart.0 -- /usr/sbin/nginx -g "daemon on; master_process on;"
            ExecReload=
            ExecReload=/usr/bin/strace -f -A -s 0 -o /run/hardentui-trace/nginx.service/ExecReload.0 -- /bin/kill -HUP $MAINPID

            """.ReplaceLineEndings("\n").Replace("\n", Environment.NewLine));
        files.ShouldBe([
            "/run/hardentui-trace/nginx.service/ExecStartPre.0",
            "/run/hardentui-trace/nginx.service/ExecStart.0",
            "/run/hardentui-trace/nginx.service/ExecReload.0"]);
    }

    [Fact]
    public void Notify_services_let_any_process_notify_while_traced()
    {
        var (text, _) = StraceDropIn.Render("notify", new Dictionary<string, IReadOnlyList<ExecCommand>> { ["ExecStart"] = [Nginx] }, "/d");
        text.ShouldContain("NotifyAccess=all");
        StraceDropIn.Render("simple", new Dictionary<string, IReadOnlyList<ExecCommand>> { ["ExecStart"] = [Nginx] }, "/d").Text.ShouldNotContain("NotifyAccess");
    }

    [Theory]
    [InlineData("/usr/bin/x", "/usr/bin/x")]
    [InlineData("50%", "\"50%%\"")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("say \"hi\"\\", "\"say \\\"hi\\\"\\\\\"")]
    [InlineData("", "\"\"")]
    [InlineData(";", "\";\"")]
    public void Arguments_are_quoted_for_systemd(string arg, string expected) => StraceDropIn.Quote(arg).ShouldBe(expected);
}
