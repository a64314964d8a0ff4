using HardenTui.Host.Process;
using HardenTui.Host.Sandbox;
using Shouldly;
using Xunit;

namespace HardenTui.Host.Tests.Sandbox;

/// <summary>
/// The sandbox's root overlays this machine's, so an apt run here while a sandbox installs its packages leaves dpkg's
/// journal half-written in the overlay's view ("dpkg was interrupted"; it failed a whole CI run once). The install
/// finishes dpkg's pending work inside the overlay and goes on; this machine's dpkg state is never touched.
/// </summary>
[Collection("sandbox")]
public sealed class InterruptedDpkgTests
{
    [Fact]
    public async Task An_install_into_an_overlay_caught_mid_dpkg_finishes_it_and_succeeds()
    {
        var top = Directory.CreateTempSubdirectory("hardentui-dpkg-").FullName;
        string Sub(string n) => Directory.CreateDirectory(Path.Combine(top, n)).FullName;
        var (tmpfs, root) = (Sub("tmpfs"), Sub("root"));
        var run = LocalProcessRunner.Instance;
        try
        {
            (await run.RunAsync(ProcessSpec.Of("mount", "-t", "tmpfs", "tmpfs", tmpfs))).Ok.ShouldBeTrue();
            var (upper, work) = (Directory.CreateDirectory(Path.Combine(tmpfs, "upper")).FullName, Directory.CreateDirectory(Path.Combine(tmpfs, "work")).FullName);
            (await run.RunAsync(ProcessSpec.Of("mount", "-t", "overlay", "overlay", "-o", $"lowerdir=/,upperdir={upper},workdir={work}", root))).Ok.ShouldBeTrue();
            // What dpkg leaves while it is between two steps: a pending entry in its journal.
            await File.WriteAllTextAsync(Path.Combine(root, "var/lib/dpkg/updates/0001"), "");
            var before = await run.RunAsync(new ProcessSpec("chroot", [root, "apt-get", "install", "-y", "-q", "curl"]));
            (before.Stdout + before.Stderr).ShouldContain("dpkg was interrupted");

            await SandboxPackages.InstallAsync(root, ["curl"], CancellationToken.None);

            Directory.EnumerateFiles(Path.Combine(root, "var/lib/dpkg/updates")).ShouldBeEmpty();
            Directory.EnumerateFiles("/var/lib/dpkg/updates").ShouldNotContain(f => Path.GetFileName(f) == "0001");
        }
        finally
        {
            await run.RunAsync(ProcessSpec.Of("umount", "-R", root));
            await run.RunAsync(ProcessSpec.Of("umount", "-R", tmpfs));
            // Never recurse through a mount that is still there (it would reach this machine's root).
            if (MountTable.Below(top).Count == 0) Directory.Delete(top, recursive: true);
        }
    }
}
