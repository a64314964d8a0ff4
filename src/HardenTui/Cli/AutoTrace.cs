using HardenTui.Core;
using HardenTui.Core.Proposals;

namespace HardenTui.Cli;

/// <summary>The trace step of `apply --auto`: restart the unit under the tracer, run the probe, read the findings.</summary>
internal static class AutoTrace
{
    public static Task<Observations> RunAsync(MachineServices services, string unit, string? probe, TimeSpan duration, CancellationToken ct) =>
        throw new BadInputException("--auto needs the tracer, which is not in this build yet; pass --findings FILE from `hardentui trace --json`");
}
