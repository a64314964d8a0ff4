using HardenTui.Core.Overrides;

namespace HardenTui.Core.Proposals;

/// <summary>
/// One directive the resolver proposes (some need companion lines, e.g. NoExecPaths= with ExecPaths=): whether it
/// is on by default, why, the observations that allowed or prevented it, whether only the user can decide
/// (<see cref="YourCall"/>), and how much it lowers the exposure (tenths, negative is better).
/// </summary>
public sealed record Proposal(
    string Directive,
    IReadOnlyList<DropInDirective> Lines,
    bool DefaultOn,
    string Reason,
    IReadOnlyList<string> Evidence,
    bool YourCall = false,
    int? ExposureDeltaTenths = null);
