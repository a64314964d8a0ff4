using System.CommandLine;
using System.Text.Json;
using HardenTui.Core.Exposure;
using HardenTui.Core.Proposals;

namespace HardenTui.Cli;

/// <summary>`hardentui propose UNIT [--findings FILE] [--json]`: the drop-in the resolver proposes, with the off ones and why.</summary>
internal static class ProposeCommand
{
    internal static Command Create()
    {
        var unit = new Argument<string>("unit") { Description = "The service (nginx.service)" };
        var findings = new Option<string?>("--findings") { Description = "Findings JSON from `hardentui trace --json` (without it nothing is on)" };
        var json = new Option<bool>("--json") { Description = "Every proposal as JSON (value, on/off, reason, evidence, your call)" };
        var command = new Command("propose", "Print the hardening drop-in proposed for a service from its trace findings");
        command.Arguments.Add(unit);
        command.Options.Add(findings);
        command.Options.Add(json);
        command.SetAction((parse, ct) =>
        {
            var unitName = Core.Units.UnitName.FromUser(parse.GetValue(unit)).Value;
            var saved = parse.GetValue(findings) is { } file ? Observations.FromFindingsJson(MachineServices.ReadInput(file, "findings"), $"findings {file}") : Observations.None;
            return MachineServices.RunAsync(command.Name, services => RunAsync(services, unitName, saved, parse.GetValue(json), ct), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(MachineServices services, string unit, Observations seen, bool asJson, CancellationToken ct)
    {
        {
            var props = await services.PropertiesAsync(unit, ct);
            seen = await services.CompleteAsync(seen, ct);
            var (now, with) = await services.ExposureAsync(props.Unit, ct);
            var (proposals, context) = await services.ProposeAsync(props, seen, with, ct);
            MachineServices.SaySessions(context, proposals);
            MachineServices.SayOverridden(props.Unit, await services.Systemd.CatAsync(props.Unit, ct), Resolver.DropIn(props.Unit, proposals).Render(DateTimeOffset.UtcNow));
            if (asJson)
                Console.Out.WriteLine(JsonSerializer.Serialize(proposals, CliJson.Default.IReadOnlyListProposal));
            else
            {
                Console.Out.Write(ProposalText.Write(props.Unit, proposals, DateTimeOffset.UtcNow));
                var after = with(Resolver.DropIn(props.Unit, proposals).Render(DateTimeOffset.UtcNow));
                Console.Error.WriteLine($"hardentui: exposure {now.ExposureText} now, {ExposureReport.Tenths(after)} with the proposals that are on");
            }
            return CliApp.ExitOk;
        }
    }
}
