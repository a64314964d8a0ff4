using System.Text;
using HardenTui.Core.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Tracing;

public class StraceLineParserTests
{
    private static (StraceLineKind Kind, int Pid, string Name, string Args, string Result) P(string line)
    {
        var parsed = StraceLineParser.Parse(Encoding.UTF8.GetBytes(line));
        return (parsed.Kind, parsed.Pid, parsed.NameText, parsed.ArgsText, parsed.ResultText);
    }

    [Theory]
    [InlineData("5734  22:28:59.387880 close(3)                  = 0", 5734)] // -f -tt, padded result column
    [InlineData("5769  1795386539.688291 close(3)       = 0", 5769)] // -ttt
    [InlineData("     0.000926 close(3) = 0", 0)] // -r, no pid
    [InlineData("22:28:59 close(3)                      = 0", 0)] // -t, no pid
    [InlineData("123 22:28:59 close(3) = 0", 123)] // -t with pid
    [InlineData("close(3) = 0", 0)] // bare
    [InlineData("[pid  5738] close(3) = 0", 5738)] // stderr style
    [InlineData("5900  close(3) = 0", 5900)] // -f without timestamps
    public void Reads_every_prefix_and_timestamp_style(string line, int pid)
    {
        P(line).ShouldBe((StraceLineKind.Call, pid, "close", "3", "0"));
    }

    [Fact]
    public void Unfinished_and_resumed_halves()
    {
        P("5734  22:28:59.406776 wait4(-1,  <unfinished ...>").ShouldBe((StraceLineKind.Unfinished, 5734, "wait4", "-1,", ""));
        P("5734  22:28:59.461276 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 5738")
            .ShouldBe((StraceLineKind.Resumed, 5734, "wait4", "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL", "5738"));
        P("5734  22:28:59.404703 vfork( <unfinished ...>").ShouldBe((StraceLineKind.Unfinished, 5734, "vfork", "", ""));
    }

    [Fact]
    public void Signals_and_exits()
    {
        P("5734  22:28:59.461313 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=5738, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---")
            .ShouldBe((StraceLineKind.Signal, 5734, "SIGCHLD", "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=5738, si_uid=0, si_status=0, si_utime=0, si_stime=0}", ""));
        P("5738  22:28:59.461262 +++ exited with 0 +++").ShouldBe((StraceLineKind.Exited, 5738, "", "", "0"));
        P("5900  +++ killed by SIGKILL +++").ShouldBe((StraceLineKind.Killed, 5900, "", "", "SIGKILL"));
        P("5900  +++ killed by SIGSEGV (core dumped) +++").ShouldBe((StraceLineKind.Killed, 5900, "", "", "SIGSEGV"));
    }

    [Fact]
    public void Call_without_return_and_interrupted_restart()
    {
        P("5900  restart_syscall(<... resuming interrupted read ...>) = ?").ShouldBe((StraceLineKind.Call, 5900, "restart_syscall", "<... resuming interrupted read ...>", "?"));
        P("103   22:30:16.1 exit_group(0)                     = ?").ShouldBe((StraceLineKind.Call, 103, "exit_group", "0", "?"));
    }

    [Fact]
    public void Failure_results_keep_errno_and_message()
    {
        var r = P("103   22:30:14.798454 connect(4, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT (No such file or directory)");
        r.Args.ShouldBe("4, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110");
        r.Result.ShouldBe("-1 ENOENT (No such file or directory)");
        var result = StraceResult.Parse(Encoding.ASCII.GetBytes(r.Result));
        Encoding.ASCII.GetString(result.Errno).ShouldBe("ENOENT");
        result.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void A_path_holding_an_equals_sign_stays_in_the_arguments()
    {
        var r = P("openat(AT_FDCWD, \"/tmp/a = b\", O_RDONLY) = 3");
        r.Args.ShouldBe("AT_FDCWD, \"/tmp/a = b\", O_RDONLY");
        r.Result.ShouldBe("3");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("strace: Process 135 attached")]
    public void Blank_lines_and_strace_notes_are_notes(string line) => P(line).Kind.ShouldBe(StraceLineKind.Note);

    [Theory]
    [InlineData("???(0x1) = -1 ENOSYS")]
    [InlineData("12:00:00.1")]
    [InlineData("<... broken")]
    [InlineData("+++ something +++")]
    [InlineData("\u0000\u0001binary")]
    [InlineData("Garbage text without parens")]
    public void Garbage_is_classified_never_thrown(string line) => P(line).Kind.ShouldBe(StraceLineKind.Garbage);
}
