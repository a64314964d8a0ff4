using HardenTui.Core.Directives;

namespace HardenTui.Core.Exposure;

/// <summary>
/// One row as `systemd-analyze security --json=short` prints it (set, name, json_field, description, exposure),
/// plus what the scorer knows besides: badness (null = not applicable), weight, range, and the hardening level of
/// the directive the row belongs to.
/// </summary>
public sealed record ExposureRow(
    bool? Set,
    string Name,
    string JsonField,
    string? Description,
    string? Exposure,
    int? Badness,
    int Weight,
    int Range,
    string Directive,
    HardeningLevel? Level);
