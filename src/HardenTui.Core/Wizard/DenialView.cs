namespace HardenTui.Core.Wizard;

/// <summary>
/// A denial the opened hardened unit met since its drop-in was written (the watch's finding): the directive behind
/// it, what was refused, the line that shows it, and the relax its evidence supports ("ReadWritePaths=-/srv/late"),
/// or null.
/// </summary>
public sealed record DenialView(string Directive, string What, string Evidence, string? Relax);
