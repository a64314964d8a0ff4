using System.CommandLine;
using HardenTui.Core;
using HardenTui.Core.Export;
using HardenTui.Core.Overrides;
using HardenTui.Core.Proposals;
using HardenTui.Host.Export;
using HardenTui.Host.Profiles;

namespace HardenTui.Cli;

/// <summary>
/// `hardentui export UNIT --format dropin|ansible|nixos|yaml [--proposed [--findings FILE]] [--probe CMD] [--out FILE]`:
/// the hardening applied here (our drop-in), or the resolver's proposal, for other machines, stamped with where
/// it was learned.
/// </summary>
internal static class ExportCommand
{
    private static readonly string[] Formats = ["dropin", "ansible", "nixos", "yaml"];

    internal static Command Create()
    {
        var unit = new Argument<string>("unit") { Description = "The service (nginx.service)" };
        var format = new Option<string>("--format") { Description = "dropin, ansible (task list), nixos (serviceConfig) or yaml (profile)", Required = true };
        var proposed = new Option<bool>("--proposed") { Description = "Export the resolver's proposal instead of the drop-in applied here" };
        var findings = new Option<string?>("--findings") { Description = "With --proposed: findings JSON from `hardentui trace --json`" };
        var probe = new Option<string?>("--probe") { Description = "Shell command that shows the service works (default: the shipped profile's probe for the unit)" };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout" };
        var command = new Command("export", "Export a service's hardening as a drop-in, an Ansible task list, a NixOS snippet or a profile");
        command.Arguments.Add(unit);
        foreach (var o in new Option[] { format, proposed, findings, probe, output }) command.Options.Add(o);
        command.SetAction((parse, ct) =>
        {
            if (!Formats.Contains(parse.GetValue(format))) throw new BadInputException($"--format {parse.GetValue(format)}: expected one of {string.Join(", ", Formats)}");
            if (parse.GetValue(findings) is not null && !parse.GetValue(proposed)) throw new BadInputException("--findings goes with --proposed");
            if (parse.GetValue(output) is { } target) Host.Files.OutputFile.Check(target, "--out");
            var unitName = Core.Units.UnitName.FromUser(parse.GetValue(unit)).Value;
            var saved = parse.GetValue(findings) is { } file ? Observations.FromFindingsJson(MachineServices.ReadInput(file, "findings"), $"findings {file}") : Observations.None;
            return MachineServices.RunAsync(command.Name, async services =>
            {
                var props = await services.PropertiesAsync(unitName, ct);
                var name = props.Unit;
                string text;
                if (parse.GetValue(proposed))
                {
                    text = Resolver.DropIn(name, (await services.ProposeAsync(props, await services.CompleteAsync(saved, ct), null, ct)).Proposals).Render(DateTimeOffset.UtcNow);
                }
                else text = services.Store.Read(name)
                    ?? throw new BadInputException($"{name} has no HardenTui drop-in applied (/{services.Store.RelativePath(name)}); apply one first or export --proposed");
                var dropIn = DropIn.Parse(name, text);
                if (dropIn.Directives.Count == 0)
                    throw new BadInputException($"the drop-in for {name} has no directives; nothing to export" +
                        (parse.GetValue(findings) is null && parse.GetValue(proposed) ? " (without --findings nothing is proposed on; run `hardentui trace --json --out FILE` first)" : ""));
                // A drop-in that came with a fingerprint (copied here by a fleet run) was learned there, not here.
                var learned = HostFingerprint.Read(text) ?? await FingerprintReader.ReadAsync(services.Runner, ct);
                var check = parse.GetValue(probe) ?? ProfileLibrary.Shipped()?.All().FirstOrDefault(p => p.AppliesTo(name))?.Probe;
                var exported = parse.GetValue(format) switch
                {
                    "ansible" => AnsibleExport.Write(name, learned.Stamp(text), learned, check),
                    "nixos" => NixosExport.Write(dropIn, learned),
                    "yaml" => ProfileExport.Write(dropIn, learned, check),
                    _ => learned.Stamp(text),
                };
                if (parse.GetValue(output) is { } path)
                {
                    Host.Files.OutputFile.Write(path, exported, "--out");
                }
                else Console.Out.Write(exported);
                return CliApp.ExitOk;
            }, ct);
        });
        return command;
    }
}
