// `hardentui analyze UNIT… [--json] [--with-dropin FILE]` and `hardentui analyze --offline FILE…`: the same rows
// and numbers as `systemd-analyze security`, computed in-process (online from the unit's properties, offline
// from unit files like --offline=true), optionally with a proposed drop-in applied in memory. `--offline
// --systemd-version N` scores unit files as systemd N's systemd-analyze would, whatever systemd this machine runs.
using System.CommandLine;
using System.Text.Json;
using HardenTui.Core;
using HardenTui.Core.Exposure;
using HardenTui.Core.Syscalls;
using HardenTui.Core.Units;
using HardenTui.Host.Exposure;
using HardenTui.Host.Process;
using HardenTui.Host.Systemd;

namespace HardenTui.Cli;

internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var targets = new Argument<string[]>("unit") { Description = "Service units (or unit files with --offline)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON: {unit, exposure, predicate, rows} (an array for several units)" };
        var offline = new Option<bool>("--offline") { Description = "Analyze unit files (with FILE.d/*.conf beside them) instead of loaded units" };
        var dropIn = new Option<string?>("--with-dropin") { Description = "Score as if this drop-in file were added to each unit" };
        var newest = Core.Directives.DirectiveCatalog.Load().NewestVersion;
        var version = new Option<string?>("--systemd-version")
        {
            Description = $"With --offline: score as systemd N's systemd-analyze would ({Core.Directives.SystemdVersions.Baseline} to {newest}; default: this machine's)",
            HelpName = "N",
        };
        var command = new Command("analyze", "Show a service's exposure, row for row as systemd-analyze security does.");
        command.Arguments.Add(targets);
        command.Options.Add(json);
        command.Options.Add(offline);
        command.Options.Add(dropIn);
        command.Options.Add(version);
        command.SetAction((parse, ct) =>
        {
            int? standIn = parse.GetValue(version) is { } v ? Core.Directives.SystemdVersions.FromUser(v, "--systemd-version", newest) : null;
            if (standIn is not null && !parse.GetValue(offline))
                throw new BadInputException("--systemd-version needs --offline (loaded units are scored as the running systemd's)");
            return RunAsync(parse.GetValue(targets)!, parse.GetValue(json), parse.GetValue(offline), parse.GetValue(dropIn), standIn, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] targets, bool asJson, bool offline, string? dropInFile, int? standIn, CancellationToken ct)
    {
        try
        {
            return await AnalyzeAsync(targets, asJson, offline, dropInFile, standIn, ct);
        }
        catch (SystemdException e) when (e is not UnitNotFoundException)
        {
            Console.Error.WriteLine($"hardentui: {e.Message}");
            return CliApp.ExitFailed;
        }
    }

    private static async Task<int> AnalyzeAsync(string[] targets, bool asJson, bool offline, string? dropInFile, int? standIn, CancellationToken ct)
    {
        var dropIn = dropInFile is null ? null : ReadDropIn(dropInFile);
        // Online, a unit still carrying an interrupted trace's drop-in is put back first; the services' one connection reads the units.
        var host = offline ? new ExposureHost(LocalProcessRunner.Instance, DbusSystemd.ForHost(), SyscallGroupCache.ForThisUser())
            : (await MachineServices.StartAsync(ct)).Exposure;
        if (standIn is { } version)
        {
            host.StandInFor(version);
            if (SyscallGroups.RecordedFor(version) is { } recorded && recorded != version)
                Console.Error.WriteLine($"hardentui: systemd {version}'s syscall groups are not recorded; using {recorded}'s (everything else follows {version})");
        }
        var results = new List<(ExposureReport Report, ExposureReport? Before)>();
        var infos = offline ? null : await LoadedAsync(host, targets, dropIn is not null, ct);
        for (var i = 0; i < targets.Length; i++)
        {
            var info = infos?[i] ?? await host.OfflineAsync(targets[i], ct);
            var before = ExposureScorer.Score(info);
            if (dropIn is not null && info.UnitText is { } cat) MachineServices.SayOverridden(info.Id, cat, dropIn);
            results.Add(dropIn is null ? (before, null) : (ExposureScorer.Preview(info, dropIn), before));
        }
        if (asJson)
            WriteJson(results);
        else
        {
            var text = new System.Text.StringBuilder();
            foreach (var (report, before) in results)
            {
                if (results.Count > 1) text.Append(report.Unit).Append('\n');
                text.Append(ExposureText.Table(report));
                if (before is not null)
                    text.Append($"   (before the drop-in: {before.ExposureText} {before.Predicate}; delta {(report.ExposureTenths - before.ExposureTenths) / 10.0:+0.0;-0.0;0.0})\n");
                if (results.Count > 1) text.Append('\n');
            }
            WriteAll(text.ToString());
        }
        return CliApp.ExitOk;
    }

    /// <summary>Every unit's properties requested at once over the one connection (systemd-analyze asks one by one).</summary>
    private static async Task<IReadOnlyList<SecurityInfo>> LoadedAsync(ExposureHost host, string[] units, bool forPreview, CancellationToken ct)
    {
        var names = units.Select(u => UnitName.FromUser(u).Value).ToList();
        try
        {
            return await host.LoadedManyAsync(names, forPreview, ct);
        }
        catch (UnitNotFoundException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    private static string ReadDropIn(string file)
    {
        var text = Host.Files.InputFile.ReadText(file, "drop-in");
        if (Core.Overrides.HardeningDropIn.ControlCharacter(text) is { } bad) throw new BadInputException($"drop-in {file} {bad}");
        UnitFile.Parse(text, file);
        return text;
    }

    private static void WriteJson(List<(ExposureReport Report, ExposureReport? Before)> results)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ExposureText.JsonOptions))
        {
            if (results.Count > 1) writer.WriteStartArray();
            foreach (var (report, before) in results)
                ExposureText.WriteJson(writer, report, before);
            if (results.Count > 1) writer.WriteEndArray();
        }
        buffer.Write("\n"u8);
        if (StdoutIsUtf8Console) WriteAll(buffer.GetBuffer(), (int)buffer.Length);
        else Console.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>
    /// Console.Out is the process's stdout, writing UTF-8 (not replaced by Console.SetOut: a StringWriter's encoding
    /// is UTF-16), so its bytes can be written straight to the descriptor.
    /// </summary>
    private static bool StdoutIsUtf8Console => Console.Out.Encoding.CodePage == 65001 && Console.OutputEncoding.CodePage == 65001;

    private static void WriteAll(string text)
    {
        if (!StdoutIsUtf8Console)
        {
            Console.Out.Write(text);
            return;
        }
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        WriteAll(bytes, bytes.Length);
    }

    /// <summary>The whole output in one write: Console.Out cuts it into 256-byte writes (3 200 system calls for 61 units' JSON).</summary>
    private static void WriteAll(byte[] bytes, int length)
    {
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(bytes, 0, length);
    }
}
