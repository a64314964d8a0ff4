using HardenTui.Core;
using HardenTui.Host.Units;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Units;

/// <summary>Unit lookup below a throwaway root, laid out like /etc, /run and /usr/lib on a real system.</summary>
public sealed class UnitFileStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hardentui-units-").FullName;

    [Fact]
    public void Etc_file_wins_and_drop_ins_merge_by_name_across_levels_and_directories()
    {
        Write("usr/lib/systemd/system/web@.service", "[Service]\nExecStart=/bin/vendor\n");
        Write("etc/systemd/system/web@.service", "[Service]\nExecStart=/bin/admin\n");
        Write("usr/lib/systemd/system/web@.service.d/50-vendor.conf", "[Service]\nProtectSystem=full\n");
        Write("etc/systemd/system/web@.service.d/50-vendor.conf", "[Service]\nProtectSystem=strict\n");
        Write("run/systemd/system/web@one.service.d/10-run.conf", "[Service]\nPrivateTmp=yes\n");
        Write("etc/systemd/system/service.d/00-all.conf", "[Service]\nNoNewPrivileges=yes\n");
        Write("etc/systemd/system/web@one.service.d/notes.txt", "not a drop-in");

        var unit = new UnitFileStore(_root).Load("web@one.service");

        unit.Main!.Path.ShouldEndWith("etc/systemd/system/web@.service");
        unit.DropIns.Select(d => d.Path[_root.Length..]).ShouldBe(
        [
            "/etc/systemd/system/service.d/00-all.conf",
            "/run/systemd/system/web@one.service.d/10-run.conf",
            "/etc/systemd/system/web@.service.d/50-vendor.conf",
        ]);
        unit.Assignments.Select(a => a.Value).ShouldBe(["/bin/admin", "yes", "yes", "strict"]);
    }

    [Fact]
    public void Missing_and_masked_units_are_bad_input()
    {
        Should.Throw<BadInputException>(() => new UnitFileStore(_root).Load("nope.service")).Message.ShouldContain("no unit file");
        Directory.CreateDirectory(Path.Combine(_root, "etc/systemd/system"));
        File.CreateSymbolicLink(Path.Combine(_root, "etc/systemd/system/gone.service"), "/dev/null");
        Should.Throw<BadInputException>(() => new UnitFileStore(_root).Load("gone.service")).Message.ShouldContain("masked");
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
