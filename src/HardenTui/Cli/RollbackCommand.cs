using System.CommandLine;

namespace HardenTui.Cli;

/// <summary>`hardentui rollback UNIT`: remove HardenTui's drop-in (backed up first), reload, restart.</summary>
internal static class RollbackCommand
{
    internal static Command Create()
    {
        var unit = new Argument<string>("unit") { Description = "The service (nginx.service)" };
        var command = new Command("rollback", "Take HardenTui's drop-in out of a service and restart it as it was");
        command.Arguments.Add(unit);
        command.SetAction((parse, ct) =>
        {
            var name = Core.Units.UnitName.FromUser(parse.GetValue(unit)).Value;
            MachineServices.RequireRoot("rollback");
            return MachineServices.RunAsync(command.Name, services => RunAsync(services, name, ct), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(MachineServices services, string unit, CancellationToken ct)
    {
        {
            var props = await services.PropertiesAsync(unit, ct);
            var path = services.Store.RelativePath(props.Unit);
            Console.Error.WriteLine(await services.Workflow.RemoveAsync(props.Unit, ct)
                ? $"hardentui: removed /{path} (a copy is in /var/lib/hardentui/backups/{props.Unit}/); {props.Unit} restarted"
                : $"hardentui: {props.Unit} has no HardenTui drop-in; nothing to undo");
            return CliApp.ExitOk;
        }
    }
}
