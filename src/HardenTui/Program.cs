using HardenTui.Cli;

// `hardentui --version` is answered before the command tree (or anything of the wizard) is built: the whole process
// stays a native start-up and one write. Same text as System.CommandLine's own --version.
if (args is ["--version"])
{
    Console.Out.WriteLine(CliApp.Version);
    return CliApp.ExitOk;
}
return CliApp.Run(args);
