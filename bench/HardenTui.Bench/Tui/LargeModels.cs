using HardenTui.Core.Wizard;

namespace HardenTui.Bench.Tui;

/// <summary>Wizard models with many findings, as a long trace of a busy service produces them.</summary>
public static class LargeModels
{
    public static WizardModel Trace(int width, int height, int items)
    {
        var syscalls = Enumerable.Range(0, 360).Select(i => new SyscallCount($"syscall_{i}", 100_000 / (i + 1), i % 17 == 0)).ToList();
        var rest = items - syscalls.Count;
        TraceItem Item(string kind, int i) => new($"/var/lib/{kind}/dir{i % 97}/file-{i}.dat", i % 50 == 0);
        var findings = new FindingsView(
            syscalls,
            Enumerable.Range(0, rest / 4).Select(i => Item("exec", i)).ToList(),
            Enumerable.Range(0, rest / 4).Select(i => Item("written", i)).ToList(),
            Enumerable.Range(0, rest / 4).Select(i => new TraceItem($"AF_INET6 stream listen :{1024 + i}", i % 50 == 0)).ToList(),
            Enumerable.Range(0, rest - 3 * (rest / 4)).Select(i => new TraceItem($"CAP_{i}", false)).ToList(),
            1_234_567);
        var unit = new UnitView("busy.service", "A busy service", "simple", "", "active", 9.6, "UNSAFE", [], "", false);
        return WizardModel.Start(true, width, height) with
        {
            Screen = Screen.Trace,
            Unit = unit,
            Trace = TraceState.Initial with
            {
                Methods = [new("strace", "wrap the service's commands in strace -f", null)],
                Running = true,
                Elapsed = 12,
                Findings = findings,
            },
        };
    }
}
