using HardenTui.Host.Process;
using HardenTui.Host.Systemd;
using HardenTui.Host.Tests.Overrides;
using HardenTui.Host.Tracing;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Tracing;

/// <summary>
/// ausearch's answers as the audit tracer reads them (no sandbox needed: the runner is scripted). "&lt;no matches&gt;"
/// is an empty trace; any other failure is said, not shown as a service that executes nothing.
/// </summary>
public sealed class AusearchErrorTests
{
    private sealed class ScriptedRunner(ProcessResult ausearch) : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct = default) =>
            Task.FromResult(spec.Args.Contains("ausearch") ? ausearch : new ProcessResult(0, "", "", false));
        public RunningProcess Start(ProcessSpec spec, Action<string>? onLine = null) => throw new NotSupportedException();
    }

    private static async Task<Exception?> TraceAsync(ProcessResult ausearch)
    {
        var tracer = new AuditExecveTracer(new RecordingSystemd(), new ScriptedRunner(ausearch));
        await using var trace = await tracer.StartAsync("nginx.service", new TraceOptions { PollInterval = TimeSpan.FromMilliseconds(10) });
        return await Record.ExceptionAsync(() => trace.StopAsync());
    }

    [Fact]
    public async Task No_matches_is_an_empty_trace() =>
        (await TraceAsync(new ProcessResult(1, "", "<no matches>\n", false))).ShouldBeNull();

    [Fact]
    public async Task Any_other_ausearch_failure_is_reported_with_its_message()
    {
        var error = (await TraceAsync(new ProcessResult(1, "", "Error parsing start date (11/28/2026)\n", false))).ShouldBeOfType<SystemdException>();
        error.Message.ShouldBe("ausearch failed: Error parsing start date (11/28/2026)");
    }
}
