using HardenTui.Host.Process;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace HardenTui.Host.Tests.Packaging;

/// <summary>
/// The Debian package as an admin's server gets it: packaging/build-deb builds it from this checkout, dpkg installs
/// it in the sandbox, and with the .NET installation hidden (an empty tmpfs over every directory dotnet lives in, and
/// a PATH without it) the installed /usr/bin/hardentui answers --version, analyzes nginx, applies the shipped nginx
/// profile (found under /usr/share/hardentui/profiles) with nginx still serving, rolls it back, and opens the wizard.
/// </summary>
[Collection("sandbox")]
public sealed class DebianPackageInSandboxTests(SandboxFixture sandbox, ITestOutputHelper output)
{
    private const string Nginx = "nginx.service";

    [Fact]
    public async Task The_package_installs_and_works_where_dotnet_is_hidden()
    {
        var deb = await BuildDebAsync();
        var version = Path.GetFileName(deb).Split('_')[1];
        await sandbox.ShAsync($"dpkg -i {deb}");
        try
        {
            (await sandbox.ShAsync("dpkg-query -W -f '${Status} ${Version}' hardentui")).ShouldBe($"install ok installed {version}");
            await sandbox.ShAsync("test -x /usr/bin/hardentui && test -f /usr/share/hardentui/profiles/nginx.yaml && " +
                                  "test -f /usr/share/man/man1/hardentui.1.gz && test -f /usr/share/bash-completion/completions/hardentui && " +
                                  "grep -q '^License: MIT' /usr/share/doc/hardentui/copyright");

            var hidden = await WithoutDotnetAsync("command -v dotnet || echo no-dotnet; ls -A /usr/share/dotnet | wc -l");
            hidden.Stdout.ShouldBe("no-dotnet\n0\n", hidden.Stderr);

            await TheManPageAndCompletionShowEachCommandsOwnArgumentsAsync();

            var v = await WithoutDotnetAsync("hardentui --version");
            v.ExitCode.ShouldBe(0, v.Stderr);
            v.Stdout.Trim().ShouldStartWith(version);

            var analyze = await WithoutDotnetAsync($"hardentui analyze {Nginx}");
            analyze.ExitCode.ShouldBe(0, analyze.Stderr);
            analyze.Stdout.ShouldContain($"Overall exposure level for {Nginx}:");

            var apply = await WithoutDotnetAsync($"hardentui apply {Nginx} --profile nginx --yes --settle-seconds 2");
            apply.ExitCode.ShouldBe(0, apply.Stderr);
            (await sandbox.ShAsync($"systemctl show -p ProtectSystem {Nginx}")).Trim().ShouldBe("ProtectSystem=strict");
            (await sandbox.ShAsync($"systemctl is-active {Nginx}")).Trim().ShouldBe("active");
            await sandbox.ShAsync("curl -fsS -o /dev/null http://127.0.0.1/");

            var rollback = await WithoutDotnetAsync($"hardentui rollback {Nginx}");
            rollback.ExitCode.ShouldBe(0, rollback.Stderr);
            (await sandbox.ShAsync($"test ! -e /etc/systemd/system/{Nginx}.d/90-hardentui.conf && systemctl is-active {Nginx}")).Trim().ShouldBe("active");

            await TheNativeWizardRunsAsync();
        }
        finally
        {
            await sandbox.Runner.RunAsync(new ProcessSpec("sh", ["-c", $"hardentui rollback {Nginx} >/dev/null 2>&1; dpkg -r hardentui"]));
        }
    }

    /// <summary>
    /// hardentui(1) and the bash completion come from the installed binary's own help and parser: the wizard's unit is
    /// in the root's part only (a command's usage once read `hardentui [<unit>] trace <unit>`), every command and
    /// `profiles show` have their section, and completion answers a command's own options.
    /// </summary>
    private async Task TheManPageAndCompletionShowEachCommandsOwnArgumentsAsync()
    {
        var man = await WithoutDotnetAsync("zcat /usr/share/man/man1/hardentui.1.gz");
        man.ExitCode.ShouldBe(0, man.Stderr);
        var lines = man.Stdout.Split('\n');
        lines.Count(l => l.Contains("Open this service directly")).ShouldBe(1, "the wizard's unit belongs to the root's help only");
        lines.ShouldContain("hardentui [<unit>] [options]");
        lines.ShouldContain("hardentui trace <unit> [options]");
        lines.ShouldContain("hardentui profiles show <profile> [options]");
        lines.ShouldContain(".SH \"HARDENTUI PROFILES SHOW\"");
        lines.ShouldNotContain(l => l.StartsWith("hardentui [<unit>] ") && l != "hardentui [<unit>] [options]");

        var completion = await WithoutDotnetAsync("""
            bash -c '. /usr/share/bash-completion/completions/hardentui
              COMP_LINE="hardentui trace --"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(hardentui trace --); COMP_CWORD=2
              _hardentui; printf "%s\n" "${COMPREPLY[@]}"'
            """);
        completion.ExitCode.ShouldBe(0, completion.Stderr);
        completion.Stdout.Split('\n').ShouldContain("--seconds", completion.Stdout);
        completion.Stdout.ShouldNotContain("--soak", Case.Sensitive, "the wizard's option is not trace's");
    }

    private const string WizardSession = "hardentui-deb";

    /// <summary>
    /// The installed native wizard in tmux at 80x24, .NET hidden: the native build empties Terminal.Gui's module
    /// initializer and the wizard applies Terminal.Gui's configuration itself (TerminalGuiConfiguration), so this is
    /// where that start-up runs for real: the overview, the levels screen, Terminal.Gui's dialog with its buttons, quit.
    /// </summary>
    private async Task TheNativeWizardRunsAsync()
    {
        var screen = new Tui.TmuxScreen(sandbox, WizardSession);
        // The pane hides .NET itself, in a mount namespace of its own (the screen's tmux server is started fresh).
        await sandbox.ShAsync($"cat >/tmp/hardentui-deb-wizard.sh <<'EOF'\n{HideDotnet}\nexec hardentui {Nginx}\nEOF\n");
        await screen.StartAsync(80, 24, "unshare -m --propagation private sh /tmp/hardentui-deb-wizard.sh; sleep 60");
        try
        {
            await screen.WaitForAsync("Exposure 9\\.6 UNSAFE", 60);
            await screen.Keys("l");
            await screen.WaitForAsync("space toggle", 60);
            await screen.Keys("Space");
            await screen.WaitForAsync("[1-9][0-9]* directives? chosen", 10);
            await screen.Keys("q");
            output.WriteLine(await screen.WaitForAsync("Quit anyway\\?[\\s\\S]*Quit \\(y\\)[\\s\\S]*Stay \\(n\\)", 10));
            await screen.Keys("y");
            await sandbox.ShAsync("for i in $(seq 1 40); do pgrep -x hardentui >/dev/null || exit 0; sleep 0.5; done; echo 'the wizard did not quit' >&2; exit 1");
        }
        finally
        {
            await sandbox.ShAsync($"{screen.KillCommand}; true");
        }
    }

    /// <summary>Run in a mount namespace of its own: every directory of the .NET installation becomes an empty tmpfs, PATH names none.</summary>
    private const string HideDotnet = """
        dirs="/usr/share/dotnet /usr/lib/dotnet"
        d="$(command -v dotnet || true)"; [ -n "$d" ] && dirs="$dirs $(dirname "$(readlink -f "$d")")"
        [ -n "${DOTNET_ROOT:-}" ] && dirs="$dirs $DOTNET_ROOT"
        for x in $dirs; do [ -d "$x" ] && mount -t tmpfs -o size=1m tmpfs "$x"; done
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; unset DOTNET_ROOT
        """;

    /// <summary>
    /// Runs a script inside the sandbox in a mount namespace of its own where every directory of the .NET
    /// installation is an empty tmpfs and PATH names none of them (the sandbox itself keeps .NET for the other tests).
    /// </summary>
    private async Task<ProcessResult> WithoutDotnetAsync(string script)
    {
        var r = await sandbox.Runner.RunAsync(new ProcessSpec("unshare", ["-m", "--propagation", "private", "sh", "-c", HideDotnet + "\n" + script],
            Timeout: TimeSpan.FromMinutes(3)));
        output.WriteLine($"$ {script}  -> exit {r.ExitCode}\n{r.Stdout}{r.Stderr}");
        return r;
    }

    /// <summary>packaging/build-deb of this checkout (quick when run-tests built it already); the path of the .deb.</summary>
    private async Task<string> BuildDebAsync()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "packaging/build-deb"))) repo = repo.Parent;
        repo.ShouldNotBeNull("no packaging/build-deb above the test's directory");
        var r = await LocalProcessRunner.Instance.RunAsync(new ProcessSpec(Path.Combine(repo.FullName, "packaging/build-deb"), [],
            Timeout: TimeSpan.FromMinutes(15)));
        r.ExitCode.ShouldBe(0, r.Stderr);
        output.WriteLine(r.Stderr);
        return Path.Combine(repo.FullName, r.Stdout.Trim());
    }
}
