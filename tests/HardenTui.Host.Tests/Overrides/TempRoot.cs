using HardenTui.Core.Overrides;

namespace HardenTui.Host.Tests.Overrides;

/// <summary>A throwaway file-system root with a vendor unit and a user's override.conf, as on a real machine.</summary>
internal sealed class TempRoot : IDisposable
{
    public const string VendorUnit = "lib/systemd/system/nginx.service";
    public const string UserOverride = "etc/systemd/system/nginx.service.d/override.conf";

    public string Path { get; } = Directory.CreateTempSubdirectory("hardentui-root-").FullName;

    public TempRoot()
    {
        Write(VendorUnit, "[Service]\nType=forking\nExecStart=/usr/sbin/nginx\n");
        Write(UserOverride, "[Service]\nNice=5\n");
    }

    /// <summary>A drop-in as HardenTui renders it, with one ProtectSystem= line.</summary>
    public static string OurDropIn(string protectSystem) =>
        new DropIn("nginx.service", [new DropInDirective("ProtectSystem", protectSystem, "test")]).Render(DateTimeOffset.UnixEpoch);

    public string Full(string relative) => System.IO.Path.Combine(Path, relative);
    public string Read(string relative) => File.ReadAllText(Full(relative));
    public bool Exists(string relative) => File.Exists(Full(relative));

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Full(relative))!);
        File.WriteAllText(Full(relative), text);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
