namespace HardenTui.Core.Wizard;

/// <summary>
/// One exposure row as the overview shows it: the directive, what it means, the hardening level it belongs to,
/// whether it is already set well, and what it adds to the exposure (0 when set).
/// </summary>
public sealed record ExposureRowView(string Directive, string Description, string Level, bool IsSet, double Exposure);
