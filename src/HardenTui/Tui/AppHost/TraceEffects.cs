using HardenTui.Core.Wizard;
using HardenTui.Host.Process;

namespace HardenTui.Tui.AppHost;

/// <summary>Tracing from the wizard. Until the tracer adapter is merged, every method says why it is unavailable.</summary>
internal sealed class TraceEffects(IProcessRunner runner)
{
    private const string NotWired = "the tracer adapter is not merged into this build yet";

    public Task<IReadOnlyList<TraceMethodView>> MethodsAsync(CancellationToken ct)
    {
        _ = runner;
        IReadOnlyList<TraceMethodView> methods =
        [
            new("strace", "wrap the service's commands in strace -f (restarts it twice)", NotWired),
        ];
        return Task.FromResult(methods);
    }

    public Task RunAsync(Cmd.StartTrace t, Action<Msg> post, CancellationToken ct)
    {
        post(new Msg.Failed($"{t.Method}: {NotWired}"));
        return Task.CompletedTask;
    }

    public void Stop()
    {
    }
}
