using Xunit;

namespace HardenTui.Host.Tests.Apply;

/// <summary>
/// A sandbox with an SSH server an admin logs into: root and a sudoer `admin` with key authentication to
/// 127.0.0.1, so a test can do what an admin does over SSH after a hardening (write /etc, run programs, sudo).
/// </summary>
public sealed class SessionSandboxFixture() : BootedSandbox(Packages)
{
    public static readonly string[] Packages = ["openssh-server", "openssh-client", "sudo", "nginx-light", "curl", "mosquitto"];

    /// <summary>ssh as USER to 127.0.0.1 with the test key, non-interactive; the remote command follows.</summary>
    public static string Ssh(string user) =>
        $"ssh -i /root/.ssh/hardentui_test -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR {user}@127.0.0.1";

    protected override Task PrepareAsync() => ShAsync("""
        set -e
        mkdir -p /root/.ssh && chmod 700 /root/.ssh
        [ -f /root/.ssh/hardentui_test ] || ssh-keygen -q -t ed25519 -N '' -f /root/.ssh/hardentui_test
        cat /root/.ssh/hardentui_test.pub > /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys
        id admin >/dev/null 2>&1 || useradd -m -s /bin/bash admin
        install -d -m 700 -o admin -g admin /home/admin/.ssh
        install -m 600 -o admin -g admin /root/.ssh/hardentui_test.pub /home/admin/.ssh/authorized_keys
        echo 'admin ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/admin && chmod 440 /etc/sudoers.d/admin
        [ -e /run/sshd ] || mkdir -p /run/sshd
        systemctl restart ssh.service
        for i in $(seq 1 30); do ssh -i /root/.ssh/hardentui_test -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null root@127.0.0.1 true && exit 0; sleep 1; done
        exit 1
        """);
}

[CollectionDefinition("session-sandbox")]
public sealed class SessionSandboxCollection : ICollectionFixture<SessionSandboxFixture>;
