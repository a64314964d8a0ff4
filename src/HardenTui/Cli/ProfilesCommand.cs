using System.CommandLine;
using HardenTui.Core;
using HardenTui.Core.Profiles;
using HardenTui.Host.Profiles;

namespace HardenTui.Cli;

/// <summary>`hardentui profiles`: the shipped profiles; `hardentui profiles show NAME|FILE`: one profile and the drop-in it writes.</summary>
internal static class ProfilesCommand
{
    internal static Command Create()
    {
        var command = new Command("profiles", "List the shipped hardening profiles (name, units, directive count, description)");
        command.SetAction(_ =>
        {
            var profiles = Library().All();
            var nameWidth = profiles.Max(p => p.Name.Length) + 2;
            var unitWidth = profiles.Max(p => string.Join(",", p.Units).Length) + 2;
            Console.Out.WriteLine("NAME".PadRight(nameWidth) + "UNITS".PadRight(unitWidth) + "DIRECTIVES  DESCRIPTION");
            foreach (var p in profiles)
                Console.Out.WriteLine(p.Name.PadRight(nameWidth) + string.Join(",", p.Units).PadRight(unitWidth) + p.Directives.Count.ToString().PadLeft(10) + "  " + p.Description);
            return CliApp.ExitOk;
        });

        var which = new Argument<string>("profile") { Description = "A shipped profile name, or a FILE.yaml" };
        var show = new Command("show", "Print a profile (as HardenTui reads it) and the drop-in it writes");
        show.Arguments.Add(which);
        show.SetAction(parse =>
        {
            var profile = ProfileLibrary.Resolve(parse.GetValue(which)!, ProfileLibrary.Shipped());
            Console.Out.Write(ProfileWriter.Write(profile));
            var unit = profile.Units.FirstOrDefault(u => !u.Contains('*') && !u.Contains('?')) ?? "example.service";
            Console.Out.WriteLine();
            Console.Out.WriteLine($"# The drop-in it writes for {unit}:");
            Console.Out.Write(profile.ToDropIn(unit).Render(DateTimeOffset.UtcNow));
            return CliApp.ExitOk;
        });
        command.Subcommands.Add(show);
        return command;
    }

    private static ProfileLibrary Library() =>
        ProfileLibrary.Shipped() ?? throw new BadInputException("no profiles/ directory with *.yaml found next to hardentui");
}
