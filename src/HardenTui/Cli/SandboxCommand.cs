using System.CommandLine;

namespace HardenTui.Cli;

internal static class SandboxCommand
{
    public static Command Create()
    {
        var command = new Command("sandbox", "Boot a throwaway real systemd (overlay over this machine's root) and run a command or the wizard in it.");
        command.SetAction(_ => CliApp.ExitOk);
        return command;
    }
}
