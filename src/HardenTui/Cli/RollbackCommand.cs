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
        command.SetAction((parse, ct) => MachineServices.RunAsync(command.Name, async services =>
        {
            var props = await services.PropertiesAsync(Core.Units.UnitName.FromUser(parse.GetValue(unit)).Value, ct);
            var path = services.Store.RelativePath(props.Unit);
            Console.Error.WriteLine(await services.Workflow.RemoveAsync(props.Unit, ct)
                ? $"hardentui: removed /{path} (a copy is in /var/lib/hardentui/backups/{props.Unit}/); {props.Unit} restarted"
                : $"hardentui: {props.Unit} has no HardenTui drop-in; nothing to undo");
            return CliApp.ExitOk;
        }, ct));
        return command;
    }
}
