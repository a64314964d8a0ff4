// `hardentui shell`: the unit's sandbox as a transient service (systemd-run), with a shell or a command in it.
// The plan is Core's; here the machine is read (the effective unit, the manager's version, the files the shell
// needs to execute) and systemd-run runs attached to this terminal, leaving out what the running systemd refuses.
using HardenTui.Core;
using HardenTui.Core.Shell;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;
using HardenTui.Host.Tracing;

namespace HardenTui.Host.Shell;

public sealed class UnitShell(ISystemd systemd, IProcessRunner runner)
{
    /// <summary>The plan for the unit with <paramref name="dropInText"/> in our drop-in's place (null: the unit as it is).</summary>
    public async Task<ShellPlan> PlanAsync(string unit, string? dropInText, IReadOnlyList<string> command, CancellationToken ct = default)
    {
        var cat = await systemd.CatAsync(unit, ct);
        var facts = await ManagerFacts.ReadAsync(systemd, ct);
        return ShellPlan.For(unit, cat, dropInText, facts.Version, await ProgramAsync(command, ct));
    }

    /// <summary>The shell (bash without its rc files, so the prompt names the sandbox; else sh) or the command, and the files it executes.</summary>
    private async Task<ShellProgram> ProgramAsync(IReadOnlyList<string> command, CancellationToken ct)
    {
        string path;
        IReadOnlyList<string> argv;
        if (command.Count == 0)
        {
            path = await WhichAsync("bash", ct) ?? await WhichAsync("sh", ct) ?? throw new BadInputException("no shell (bash or sh) found in PATH");
            argv = path.EndsWith("/bash", StringComparison.Ordinal) ? ["--norc", "--noprofile"] : [];
        }
        else
        {
            path = command[0].StartsWith('/') ? command[0]
                : await WhichAsync(command[0], ct) ?? throw new BadInputException($"{command[0]}: no such program in PATH (give its absolute path)");
            argv = command.Skip(1).ToList();
        }
        var files = new List<string> { path };
        if (new ExecutableInterpreters().Of(path) is { } interpreter) files.Add(interpreter);
        foreach (var file in files.ToList())
        {
            var ldd = await runner.RunAsync(new ProcessSpec("ldd", ["--", file], Timeout: TimeSpan.FromSeconds(10)), ct);
            if (ldd.Ok) files.AddRange(Ldd.Files(ldd.Stdout));
        }
        // ExecPaths= takes the names as given and as resolved (/bin/bash is /usr/bin/bash, /lib64/ld-linux… a symlink).
        var real = await runner.RunAsync(new ProcessSpec("realpath", ["-e", "--", .. files.Distinct()], Timeout: TimeSpan.FromSeconds(10)), ct);
        files.AddRange(real.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new ShellProgram(path, argv, files.Distinct().ToList());
    }

    private async Task<string?> WhichAsync(string name, CancellationToken ct)
    {
        // A search of PATH for an executable file, not `command -v`: that answers a shell builtin's bare name
        // (true, echo, printf, test, kill), and `shell nginx -- true` said true was not in PATH.
        const string search = "IFS=:; for d in $PATH; do [ -n \"$d\" ] && [ -f \"$d/$1\" ] && [ -x \"$d/$1\" ] && { echo \"$d/$1\"; exit 0; }; done; exit 1";
        var r = await runner.RunAsync(new ProcessSpec("sh", ["-c", search, "sh", name], Timeout: TimeSpan.FromSeconds(10)), ct);
        var found = r.Stdout.Trim();
        return r.Ok && found.StartsWith('/') ? found : null;
    }

    /// <summary>
    /// Runs the plan on this machine's terminal: stdin and stdout are the caller's (a pseudo terminal with
    /// <paramref name="tty"/>, else handed to the program), stderr passes through. A setting the running systemd
    /// refuses is left out and the start retried, each said through <paramref name="say"/>. Returns the program's
    /// exit status (systemd-run --wait), 255 when a signal ended it, and the plan as it finally ran.
    /// </summary>
    public static async Task<(int Exit, ShellPlan Ran)> RunAsync(ShellPlan plan, bool tty, Action<string> say, CancellationToken ct = default)
    {
        // A pseudo terminal is in raw mode while systemd-run forwards it: a line needs its carriage return.
        var eol = tty ? "\r\n" : "\n";
        while (true)
        {
            var report = new List<string>();
            var errors = new List<string>();
            var started = false;
            var exit = await AttachedAsync(SystemdRun.Args(plan, tty, Environment.ProcessId.ToString()), line =>
            {
                if (SystemdRun.IsReportLine(line))
                {
                    started |= line.StartsWith("Running as unit", StringComparison.Ordinal);
                    report.Add(line);
                }
                else if (!started && SystemdRun.Refusal(line, plan.Settings.Select(s => s.Key)) is not null) errors.Add(line);
                else Console.Error.Write(line + eol);
            }, ct);
            if (!started && SystemdRun.Refusal(string.Join('\n', errors), plan.Settings.Select(s => s.Key)) is { } refused)
            {
                var left = plan.Settings.Where(s => s.Key == refused.Key).Select(s => s.Assignment).ToList();
                plan = plan.Without(refused.Key, $"systemd {plan.SystemdVersion} refused it for a transient unit: {refused.Message}");
                say($"not applied: {string.Join(' ', left)} — systemd {plan.SystemdVersion} refused it for a transient unit ({refused.Message}); starting with the rest");
                continue;
            }
            foreach (var e in errors) Console.Error.WriteLine(e);
            if (SystemdRun.Explain(report) is { } why) say(why);
            return (exit, plan);
        }
    }

    /// <summary>systemd-run attached to this terminal (stdin and stdout are the caller's): a <see cref="TerminalProcess"/>.</summary>
    private static async Task<int> AttachedAsync(IReadOnlyList<string> args, Action<string> onStderr, CancellationToken ct)
    {
        try { return await TerminalProcess.RunWithStderrAsync("systemd-run", args, onStderr, ct); }
        catch (System.ComponentModel.Win32Exception e) { throw new SystemdException($"systemd-run: {e.Message}"); }
    }
}
