using HardenTui.Host.Sandbox;
using Xunit;

namespace HardenTui.Host.Tests.Versions;

/// <summary>
/// Debian 13 (systemd 257) booted from the cached debootstrap base, with the same daemons as the shared 252 sandbox:
/// the second systemd the version tests compare against. Plus Debian 13's own tmux, for the wizard's end-to-end test
/// (the 252 sandbox overlays this machine's root, which has tmux).
/// </summary>
public sealed class TrixieSandboxFixture() : BootedSandbox([.. SandboxFixture.Packages, "tmux"], SandboxRelease.Find("trixie"));

[CollectionDefinition("trixie-sandbox")]
public sealed class TrixieSandboxCollection : ICollectionFixture<TrixieSandboxFixture>;

/// <summary>Debian 12 with systemd 254 from bookworm-backports: the third systemd whose exposure is compared.</summary>
public sealed class BackportsSandboxFixture() : BootedSandbox(SandboxFixture.Packages, SandboxRelease.Find("bookworm-backports"));

[CollectionDefinition("backports-sandbox")]
public sealed class BackportsSandboxCollection : ICollectionFixture<BackportsSandboxFixture>;

/// <summary>
/// Debian 12 from debootstrap (252 without backports): the release a `sandbox --release bookworm` user boots. Only
/// nginx and curl: its systemd is this machine's, so what it adds over the default sandbox is the release path itself.
/// </summary>
public sealed class BookwormSandboxFixture() : BootedSandbox(["nginx-light", "curl"], SandboxRelease.Find("bookworm"));

[CollectionDefinition("bookworm-sandbox")]
public sealed class BookwormSandboxCollection : ICollectionFixture<BookwormSandboxFixture>;
