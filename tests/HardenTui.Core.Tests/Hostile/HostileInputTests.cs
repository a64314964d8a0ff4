using System.Text;
using HardenTui.Cli;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Hostile;

/// <summary>
/// Generated hostile inputs for every command and file option, run through the CLI in-process: each is exit 2 with
/// exactly one line on stderr (no stack trace, no raw control character), nothing on stdout, nothing changed on
/// disk — or exit 0 where the input is legitimately valid. A hang fails the test instead of the run.
/// </summary>
[Collection("console")]
public sealed class HostileInputTests(HostileInputTests.Files files) : IClassFixture<HostileInputTests.Files>
{
    /// <summary>The generated inputs, made once for the class and removed after it.</summary>
    public sealed class Files : IDisposable
    {
        public Files() => Generate();
        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private static readonly string Dir = Path.Combine(Path.GetTempPath(), $"hardentui-hostile-{Environment.ProcessId}");

    /// <summary>Every place a command reads a file the user names; {0} is the file.</summary>
    private static readonly string[][] Readers =
    [
        ["apply", "x.service", "--dropin", "{0}", "--yes"],
        ["apply", "x.service", "--profile", "{0}", "--yes"],
        ["apply", "x.service", "--auto", "--findings", "{0}", "--yes"],
        ["propose", "x.service", "--findings", "{0}"],
        ["export", "x.service", "--format", "dropin", "--proposed", "--findings", "{0}"],
        ["findings", "--strace-log", "{0}"],
        ["analyze", "--offline", "{0}"],
        ["analyze", "x.service", "--with-dropin", "{0}"],
        ["profiles", "show", "{0}"],
    ];

    /// <summary>Files that no reader may accept, whatever it expects inside.</summary>
    private static readonly string[] BadFiles = ["", "missing", "dir", "fifo", "loop", "/proc/self/mem", "/proc/self/status", "/dev/zero", "/dev/null", "sparse-9g", "not-utf8", "name-\u001b[31m-\r\n"];

    /// <summary>Content that is wrong for the reader it is given to, by reader.</summary>
    private static readonly Dictionary<string, string[]> BadContent = new()
    {
        ["--dropin"] = ["cr-comment.conf", "nul-value.conf", "esc-name.conf", "execstartpre.conf", "user-root.conf", "environment-50k.conf", "unknown.conf", "unit-section.conf", "bad-value.conf", "one-long-line.conf"],
        ["--profile"] = ["deep.yaml", "deep-flow.yaml", "cr-reason.yaml", "execstartpre.yaml", "bad-value.yaml", "anchors.yaml", "one-long-line.conf"],
        ["--findings"] = ["deep.json", "fraction.json", "huge.json", "null.json", "negative.json", "string-count.json", "array.json", "one-long-line.conf"],
        ["--strace-log"] = ["resumed.log", "one-long-line.conf", "binary.log"],
        ["--offline"] = ["cr-comment.conf", "esc-name.conf", "not-a-unit.conf"],
        ["--with-dropin"] = ["cr-comment.conf", "not-a-unit.conf"],
        ["show"] = ["deep.yaml", "cr-reason.yaml", "execstartpre.yaml"],
    };

    private static readonly string[][] Writers =
    [
        ["export", "x.service", "--format", "dropin", "--out", "{0}"],
        ["trace", "x.service", "--seconds", "1", "--out", "{0}"],
    ];

    private static readonly string[] BadTargets = ["", "dir", "dir/", "fifo", "loop", "/proc/self/status", "/proc/x", "/sys/kernel/x", "/dev/null", "missing-dir/out", "file-link"];

    private static readonly string[][] BadArguments =
    [
        ["apply", "-Mfoo.service", "--dropin", "{d}"], ["trace", "-Mfoo.service"], ["trace", "--", "-Mfoo.service"], ["propose", "foo@.service"],
        ["trace", "foo@.service"], ["analyze", "foo@.service"], ["rollback", "-x.service"], ["export", "--format", "dropin", "--", "-H"],
        ["apply", "a\u001b]0;pwned\u0007.service", "--dropin", "{d}"], ["trace", "nginx\r\n.service"], ["rollback", "@x.service"],
        ["propose", new string('a', 300) + ".service"], ["analyze", "x.socket"], ["trace", "x.service", "--seconds", "0"],
        ["trace", "x.service", "--method", "\u001b[2Jbogus"], ["export", "x.service", "--format", "exe"],
        ["--bogus\u001b[2J"], ["analyze", "--json", "--nope\r\nx"], ["\u001b]0;title\u0007"],
        ["sandbox", "--bogus"], ["sandbox", "--install", "bad;name"], ["sandbox", "--install", "-oAPT::x=y"], ["sandbox", "--install", "../x"],
    ];

    public static TheoryData<string[]> Cases()
    {
        var data = new TheoryData<string[]>();
        foreach (var reader in Readers)
        {
            foreach (var file in BadFiles) data.Add(With(reader, file));
            foreach (var file in BadContent[reader[Array.IndexOf(reader, "{0}") - 1]]) data.Add(With(reader, file));
        }
        foreach (var writer in Writers)
            foreach (var target in BadTargets) data.Add(With(writer, target));
        foreach (var args in BadArguments) data.Add(args.Select(a => a == "{d}" ? Path.Combine(Dir, "good.conf") : a).ToArray());
        return data;
    }

    private static string[] With(string[] template, string file)
    {
        var path = file.StartsWith('/') || file.Length == 0 ? file : Path.Combine(Dir, file) + (file.EndsWith('/') ? "/" : "");
        return template.Select(a => a == "{0}" ? path : a).ToArray();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_input_is_one_line_exit_2_and_changes_nothing(string[] args)
    {
        _ = files;
        var before = Snapshot();
        var (exit, stdout, stderr) = await Task.Run(() => CliRun.Run(args)).WaitAsync(TimeSpan.FromMinutes(2));
        var line = stderr.TrimEnd('\n');
        exit.ShouldBe(CliApp.ExitBadInput, $"stderr: {stderr}");
        line.ShouldNotContain("\n", customMessage: "exactly one line");
        line.ShouldStartWith("hardentui: ");
        line.ShouldNotContain("   at ");
        line.Any(c => c < ' ').ShouldBeFalse("no raw control character");
        stdout.ShouldBeEmpty();
        Snapshot().ShouldBe(before);
    }

    [Theory]
    [InlineData("profiles", "show", "{dir}/good.yaml")]
    [InlineData("findings", "--strace-log", "{dir}/good.log")]
    public void Valid_input_still_works(params string[] args)
    {
        var (exit, _, stderr) = CliRun.Run(args.Select(a => a.Replace("{dir}", Dir)).ToArray());
        exit.ShouldBe(CliApp.ExitOk, stderr);
    }

    /// <summary>
    /// Names, sizes and modification times of everything below the test directory, the unit directories and our
    /// state directory (not /run/hardentui: other runs' sandboxes live there).
    /// </summary>
    private static string Snapshot()
    {
        var sb = new StringBuilder();
        foreach (var root in new[] { Dir, "/etc/systemd/system", "/run/systemd/system", "/var/lib/hardentui" })
        {
            if (!Directory.Exists(root)) { sb.Append(root).Append(" absent\n"); continue; }
            foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }).OrderBy(e => e.FullName, StringComparer.Ordinal))
                sb.Append(entry.FullName).Append(' ').Append(entry is FileInfo f && f.LinkTarget is null && !entry.Name.StartsWith("fifo") ? f.Length : -1).Append(' ').Append(entry.LastWriteTimeUtc.Ticks).Append('\n');
        }
        return sb.ToString();
    }

    private static void Generate()
    {
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
        Directory.CreateDirectory(Path.Combine(Dir, "dir"));
        void Write(string name, string text) => File.WriteAllText(Path.Combine(Dir, name), text);
        Write("good.conf", "[Service]\nProtectSystem=strict\n");
        Write("good.yaml", "name: good\ndescription: fine\nunits: [x.service]\ndirectives:\n  ProtectSystem: {value: strict, reason: fine}\n");
        Write("good.log", "100 openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = 3\n100 read(3, \"\", 4096) = 0\n");
        Write("cr-comment.conf", "[Service]\n# why\rExecStartPre=+/bin/sh -c id\nProtectSystem=strict\n");
        Write("nul-value.conf", "[Service]\nProtectSystem=strict\0\nExecStartPre=+/bin/sh\n");
        Write("esc-name.conf", "[Service]\nProtect\u001b[2JSystem=strict\n");
        Write("execstartpre.conf", "[Service]\nExecStartPre=+/bin/sh -c id\n");
        Write("user-root.conf", "[Service]\nUser=root\n");
        Write("environment-50k.conf", "[Service]\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"Environment=A{i}=1\n")));
        Write("unknown.conf", "[Service]\nFrobnicate=yes\n");
        Write("unit-section.conf", "[Unit]\nAfter=network.target\n");
        Write("bad-value.conf", "[Service]\nProtectSystem=very\n");
        Write("not-a-unit.conf", "just some text\n");
        Write("one-long-line.conf", new string('a', 6 * 1024 * 1024));
        Write("deep.yaml", "a: " + new string('[', 200_000));
        Write("deep-flow.yaml", string.Concat(Enumerable.Range(0, 5000).Select(i => new string(' ', i) + "- \n")));
        Write("cr-reason.yaml", "name: x\ndescription: d\nunits: [x.service]\ndirectives:\n  ProtectSystem: {value: strict, reason: \"ok\\rExecStartPre=+/bin/sh\"}\n");
        Write("execstartpre.yaml", "name: x\ndescription: d\nunits: [x.service]\ndirectives:\n  ExecStartPre: {value: +/bin/sh, reason: r}\n");
        Write("bad-value.yaml", "name: x\ndescription: d\nunits: [x.service]\ndirectives:\n  ProtectSystem: {value: \"strict\\nExecStartPre=/bin/sh\", reason: r}\n");
        Write("anchors.yaml", "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c]\n");
        Write("deep.json", new string('[', 200_000) + new string(']', 200_000));
        Write("fraction.json", "{\"syscalls\":{\"read\":1.5}}");
        Write("huge.json", "{\"syscalls\":{\"read\":1e400}}");
        Write("null.json", "{\"paths\":[{\"key\":null,\"count\":null}]}");
        Write("negative.json", "{\"syscalls\":{\"read\":-4}}");
        Write("string-count.json", "{\"syscalls\":{\"read\":\"many\"}}");
        Write("array.json", "[1,2,3]");
        Write("resumed.log", string.Concat(Enumerable.Range(0, 100_000).Select(i => $"{100 + i % 7} <... read resumed>) = 1\n")));
        File.WriteAllBytes(Path.Combine(Dir, "binary.log"), Enumerable.Range(0, 1 << 16).Select(i => (byte)(i * 7919)).ToArray());
        File.WriteAllBytes(Path.Combine(Dir, "not-utf8"), [0x5b, 0xff, 0xfe, 0x5d, 0x0a]);
        using (var sparse = File.Create(Path.Combine(Dir, "sparse-9g"))) sparse.SetLength(9L << 30);
        File.WriteAllText(Path.Combine(Dir, "name-\u001b[31m-\r\n"), "[Service]\r\nExecStartPre=/bin/sh\n");
        File.CreateSymbolicLink(Path.Combine(Dir, "loop"), Path.Combine(Dir, "loop2"));
        File.CreateSymbolicLink(Path.Combine(Dir, "loop2"), Path.Combine(Dir, "loop"));
        File.CreateSymbolicLink(Path.Combine(Dir, "file-link"), Path.Combine(Dir, "good.conf"));
        if (Mkfifo(Path.Combine(Dir, "fifo"), 0x1b6) != 0) throw new IOException("mkfifo failed");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo")]
    private static extern int Mkfifo([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int mode);
}
