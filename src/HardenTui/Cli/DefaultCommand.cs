using System.CommandLine;

namespace HardenTui.Cli;

/// <summary>What `hardentui` does with no subcommand: the wizard, or (where systemd is not PID 1) the sandbox offer.</summary>
internal static class DefaultCommand
{
    public static void Configure(RootCommand root)
    {
        root.SetAction(_ =>
        {
            Console.WriteLine("hardentui: the wizard is not built yet; try `hardentui sandbox -- systemctl is-system-running`.");
            return CliApp.ExitOk;
        });
    }
}
