using HardenTui.Cli;

return CliApp.Run(args);
