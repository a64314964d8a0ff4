using HardenTui.Cli;

namespace HardenTui.Core.Tests;

/// <summary>Runs the CLI in-process with stdout and stderr captured (tests using it belong to the "console" collection).</summary>
internal static class CliRun
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = CliApp.Run(args);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
