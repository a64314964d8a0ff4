using System.Text.RegularExpressions;
using HardenTui.Core.Overrides;
using HardenTui.Host.Overrides;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Overrides;

public class RecoveryTests
{
    /// <summary>Rewrites the journal so its records belong to a process that has exited, as after kill -9.</summary>
    private static void OrphanJournal(TempRoot root)
    {
        using var gone = System.Diagnostics.Process.Start("true")!;
        gone.WaitForExit();
        foreach (var file in Directory.GetFiles(root.Full(DropInPaths.JournalDirectory)))
            File.WriteAllText(file, Regex.Replace(File.ReadAllText(file), "\"OwnerPid\": \\d+", $"\"OwnerPid\": {gone.Id}"));
    }

    [Fact]
    public async Task An_interrupted_apply_is_undone_and_the_unit_restarted()
    {
        using var root = new TempRoot();
        var journal = new OperationJournal(root.Path, TimeProvider.System);
        var store = new DropInStore(root.Path, TimeProvider.System);
        var setup = journal.Begin("apply", "nginx.service", true);
        store.Write("nginx.service", TempRoot.OurDropIn("full"), setup);
        setup.Complete();
        var op = journal.Begin("apply", "nginx.service", unitWasActive: true);
        store.Write("nginx.service", TempRoot.OurDropIn("strict"), op);
        OrphanJournal(root);

        var systemd = new RecordingSystemd();
        var recovered = await new Recovery(journal, systemd).RunAsync();

        recovered.Count.ShouldBe(1);
        store.Read("nginx.service").ShouldBe(TempRoot.OurDropIn("full"));
        systemd.Calls.ShouldBe(["daemon-reload", "restart nginx.service"]);
        journal.Pending().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_interrupted_trace_loses_its_runtime_drop_in_and_a_stopped_unit_stays_stopped()
    {
        using var root = new TempRoot();
        var journal = new OperationJournal(root.Path, TimeProvider.System);
        var op = journal.Begin("trace", "nginx.service", unitWasActive: false);
        var runtime = op.TrackRuntimeDropIn("50-hardentui-trace.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(runtime)!);
        File.WriteAllText(runtime, "[Service]\nExecStart=\nExecStart=strace …\n");
        OrphanJournal(root);

        var systemd = new RecordingSystemd();
        await new Recovery(journal, systemd).RunAsync();

        File.Exists(runtime).ShouldBeFalse();
        systemd.Calls.ShouldBe(["daemon-reload", "stop nginx.service"]);
    }

    [Fact]
    public async Task An_operation_whose_owner_is_alive_is_left_alone()
    {
        using var root = new TempRoot();
        var journal = new OperationJournal(root.Path, TimeProvider.System);
        var store = new DropInStore(root.Path, TimeProvider.System);
        store.Write("nginx.service", TempRoot.OurDropIn("strict"), journal.Begin("apply", "nginx.service", true));

        var systemd = new RecordingSystemd();
        (await new Recovery(journal, systemd).RunAsync()).ShouldBeEmpty();
        store.Read("nginx.service").ShouldBe(TempRoot.OurDropIn("strict"));
        systemd.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_completed_operation_leaves_nothing_to_recover()
    {
        using var root = new TempRoot();
        var journal = new OperationJournal(root.Path, TimeProvider.System);
        var op = journal.Begin("apply", "nginx.service", true);
        new DropInStore(root.Path, TimeProvider.System).Write("nginx.service", TempRoot.OurDropIn("strict"), op);
        op.Complete();
        OrphanJournal(root);
        (await new Recovery(journal, new RecordingSystemd()).RunAsync()).ShouldBeEmpty();
    }
}
