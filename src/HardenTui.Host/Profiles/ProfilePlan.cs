using HardenTui.Core;
using HardenTui.Core.Directives;
using HardenTui.Core.Overrides;
using HardenTui.Core.Profiles;
using HardenTui.Host.Health;
using HardenTui.Host.Systemd;

namespace HardenTui.Host.Profiles;

/// <summary>
/// What applying a profile to a unit means on this machine: the drop-in to write, the health check (the given
/// probe, else the profile's own) and a warning when the unit is not one the profile names. `apply --profile`
/// and the sandbox tests both go through here, so what the tests prove is what the CLI does.
/// </summary>
public sealed record ProfilePlan(Profile Profile, DropIn DropIn, HealthCheck Check, string? Warning)
{
    /// <summary>Throws BadInputException (a refusal, exit 2) when the profile's conditions do not hold on this machine.</summary>
    public static ProfilePlan For(Profile profile, string unit, ManagerFacts machine, string? probe, TimeSpan settle)
    {
        var unmet = profile.Unmet(DirectiveCatalog.Load(), machine.Version, machine.Architecture);
        if (unmet.Count > 0)
            throw new BadInputException($"profile {profile.Name} {string.Join("; ", unmet)}; not applied");
        var dropIn = profile.ToDropIn(unit);
        var warning = profile.AppliesTo(dropIn.Unit) ? null
            : $"profile {profile.Name} is written for {string.Join(", ", profile.Units)}, not {dropIn.Unit}; the probe and restarts decide whether it fits";
        return new ProfilePlan(profile, dropIn, new HealthCheck(probe ?? profile.Probe, settle), warning);
    }
}
