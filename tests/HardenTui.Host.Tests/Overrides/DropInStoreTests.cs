using HardenTui.Core;
using HardenTui.Core.Overrides;
using HardenTui.Host.Overrides;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Overrides;

public class DropInStoreTests
{
    [Fact]
    public void Writes_our_own_file_and_leaves_vendor_unit_and_user_override_alone()
    {
        using var root = new TempRoot();
        var vendor = root.Read(TempRoot.VendorUnit);
        var user = root.Read(TempRoot.UserOverride);
        var store = new DropInStore(root.Path, TimeProvider.System);
        var op = new OperationJournal(root.Path, TimeProvider.System).Begin("apply", "nginx.service", true);
        store.Write("nginx.service", TempRoot.OurDropIn("full"), op);
        store.Write("nginx.service", TempRoot.OurDropIn("strict"), op);
        root.Read("etc/systemd/system/nginx.service.d/90-hardentui.conf").ShouldBe(TempRoot.OurDropIn("strict"));
        root.Read(TempRoot.VendorUnit).ShouldBe(vendor);
        root.Read(TempRoot.UserOverride).ShouldBe(user);
        Directory.GetFiles(root.Full("etc/systemd/system/nginx.service.d")).Select(Path.GetFileName)
            .Order().ShouldBe(["90-hardentui.conf", "override.conf"]); // no temp file left behind
    }

    [Fact]
    public void The_previous_version_is_backed_up()
    {
        using var root = new TempRoot();
        var store = new DropInStore(root.Path, TimeProvider.System);
        var op = new OperationJournal(root.Path, TimeProvider.System).Begin("apply", "nginx.service", true);
        store.Write("nginx.service", TempRoot.OurDropIn("full"), op);
        store.Backups("nginx.service").ShouldBeEmpty();
        store.Write("nginx.service", TempRoot.OurDropIn("strict"), op);
        store.Remove("nginx.service", op).ShouldBeTrue();
        store.Backups("nginx.service").Select(File.ReadAllText).ShouldBe([TempRoot.OurDropIn("full"), TempRoot.OurDropIn("strict")]);
        store.Read("nginx.service").ShouldBeNull();
    }

    [Fact]
    public void A_symlinked_drop_in_directory_is_refused_and_its_target_untouched()
    {
        using var root = new TempRoot();
        root.Write("elsewhere/keep.conf", "precious");
        Directory.CreateSymbolicLink(root.Full("etc/systemd/system/redis.service.d"), root.Full("elsewhere"));
        var store = new DropInStore(root.Path, TimeProvider.System);
        var op = new OperationJournal(root.Path, TimeProvider.System).Begin("apply", "redis.service", true);
        Should.Throw<BadInputException>(() => store.Write("redis.service", TempRoot.OurDropIn("full"), op)).Message.ShouldContain("symbolic link");
        Directory.GetFiles(root.Full("elsewhere")).Select(Path.GetFileName).ShouldBe(["keep.conf"]);
    }

    [Fact]
    public void A_symlinked_drop_in_file_is_refused()
    {
        using var root = new TempRoot();
        root.Write("etc/shadow", "secret");
        File.CreateSymbolicLink(root.Full("etc/systemd/system/nginx.service.d/90-hardentui.conf"), root.Full("etc/shadow"));
        var store = new DropInStore(root.Path, TimeProvider.System);
        var op = new OperationJournal(root.Path, TimeProvider.System).Begin("apply", "nginx.service", true);
        Should.Throw<BadInputException>(() => store.Write("nginx.service", TempRoot.OurDropIn("full"), op));
        root.Read("etc/shadow").ShouldBe("secret");
    }

    [Fact]
    public void A_file_at_our_path_that_we_did_not_write_is_not_replaced()
    {
        using var root = new TempRoot();
        root.Write("etc/systemd/system/nginx.service.d/90-hardentui.conf", "[Service]\nUser=www\n");
        var store = new DropInStore(root.Path, TimeProvider.System);
        var op = new OperationJournal(root.Path, TimeProvider.System).Begin("apply", "nginx.service", true);
        Should.Throw<BadInputException>(() => store.Write("nginx.service", TempRoot.OurDropIn("full"), op));
        root.Read("etc/systemd/system/nginx.service.d/90-hardentui.conf").ShouldBe("[Service]\nUser=www\n");
    }
}
