using HardenTui.Host.Process;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Process;

/// <summary>Programs run through CliWrap: output, exit codes, stdin, and nothing left running after a timeout or a cancel.</summary>
public class ProcessRunnerTests
{
    private static readonly IProcessRunner Local = LocalProcessRunner.Instance;

    [Fact]
    public async Task Output_exit_code_and_stdin_come_back_and_arguments_are_never_a_shell_string()
    {
        var r = await Local.RunAsync(new ProcessSpec("sh", ["-c", "cat; echo \"$1\" >&2; exit 3", "sh", "a b; $(true)"], Stdin: "in\n"));
        r.ExitCode.ShouldBe(3);
        r.Stdout.ShouldBe("in\n");
        r.Stderr.ShouldBe("a b; $(true)\n");
        r.TimedOut.ShouldBeFalse();
    }

    [Fact]
    public async Task A_missing_program_is_exit_127_with_its_name()
    {
        var r = await Local.RunAsync(ProcessSpec.Of("/no/such/program"));
        r.ExitCode.ShouldBe(127);
        r.Stderr.ShouldStartWith("/no/such/program: ");
    }

    [Fact]
    public async Task A_probe_that_times_out_leaves_nothing_behind_even_what_it_daemonised()
    {
        var marker = Marker();
        // A child in the tree, and one that left it at once (the subshell exits): only its process group still holds it.
        var r = await Local.RunAsync(ProcessSpec.Probe($"sleep {marker} & (sleep {marker} &); sleep {marker}", TimeSpan.FromSeconds(1)));
        r.TimedOut.ShouldBeTrue();
        (await RunningAsync(marker)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelling_a_run_ends_the_whole_tree_and_throws()
    {
        var marker = Marker();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Should.ThrowAsync<OperationCanceledException>(() =>
            Local.RunAsync(new ProcessSpec("sh", ["-c", $"sleep {marker} & sleep {marker} & wait"]), cancel.Token));
        (await RunningAsync(marker)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_program_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        var marker = Marker();
        var r = await Local.RunAsync(new ProcessSpec("sh", ["-c", $"trap '' TERM; sleep {marker} & wait; wait"], Timeout: TimeSpan.FromSeconds(1)));
        r.TimedOut.ShouldBeTrue();
        (await RunningAsync(marker)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_started_program_streams_lines_and_is_killed_with_its_tree()
    {
        var marker = Marker();
        var lines = new List<string>();
        using var running = Local.Start(new ProcessSpec("sh", ["-c", $"echo one; echo two; sleep {marker}"]), l => { lock (lines) lines.Add(l); });
        for (var i = 0; i < 100 && (await RunningAsync(marker)).Length == 0; i++) await Task.Delay(50);
        running.Kill();
        (await running.Exited).ShouldBe(137);
        lock (lines) lines.ShouldBe(["one", "two"]);
        (await RunningAsync(marker)).ShouldBeEmpty();
    }

    /// <summary>A sleep length no other process uses, to find ours by command line.</summary>
    internal static string Marker() => $"{300 + Random.Shared.Next(1000)}.{Random.Shared.Next(100000, 999999)}";

    internal static async Task<string> RunningAsync(string marker)
    {
        await Task.Delay(200); // let the kernel finish the kills
        return (await Local.RunAsync(new ProcessSpec("sh", ["-c", "pgrep -f \"[s]leep $1\" || true", "sh", marker]))).Stdout.Trim();
    }
}

[Collection("sandbox")]
public class SandboxProcessRunnerTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task A_probe_inside_the_sandbox_that_times_out_leaves_nothing_behind()
    {
        var marker = ProcessRunnerTests.Marker();
        var r = await sandbox.Runner.RunAsync(ProcessSpec.Probe($"sleep {marker} & (sleep {marker} &); sleep {marker}", TimeSpan.FromSeconds(1)));
        r.TimedOut.ShouldBeTrue();
        (await ProcessRunnerTests.RunningAsync(marker)).ShouldBeEmpty(); // this machine sees the sandbox's processes too
    }
}
