using HardenTui.Core.Directives;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Directives;

public class DirectiveTextsTests
{
    // Verbatim from systemd 252's systemd.exec.5 (Debian 12), three entries, one of them shared by five names.
    private const string Roff = """
        .PP
        \fIReadWritePaths=\fR, \fIReadOnlyPaths=\fR, \fIInaccessiblePaths=\fR, \fIExecPaths=\fR, \fINoExecPaths=\fR
        .RS 4
        Sets up a new file system namespace for executed processes\&. These options may be used to limit access a process has to the file system\&. Each setting takes a space\-separated list of paths relative to the host\*(Aqs root directory (i\&.e\&. the system running the service manager)\&. Note that if paths contain symlinks, they are resolved relative to the root directory set with
        \fIRootDirectory=\fR/\fIRootImage=\fR\&.
        .sp
        Paths listed in
        \fIReadWritePaths=\fR
        are accessible from within the namespace with the same access modes as from outside of it\&.
        .RE
        .PP
        \fIPrivateTmp=\fR
        .RS 4
        Takes a boolean argument\&. If true, sets up a new file system namespace for the executed processes and mounts private
        /tmp/
        and
        /var/tmp/
        directories inside it that are not shared by processes outside of the namespace\&.
        .RE
        .PP
        Note that the various options that turn directories read\-only (such as
        \fIProtectSystem=\fR,
        \fIReadOnlyPaths=\fR, \&...) do not affect the ability for programs to connect to and communicate with
        .PP
        \fIProtectSystem=\fR
        .RS 4
        Takes a boolean argument or the special values
        "full"
        or
        "strict"\&. If true, mounts the
        /usr/
        and the boot loader directories (/boot
        and
        /efi) read\-only for processes invoked by this unit\&.
        .RE
        """;

    [Fact]
    public void Man_page_entries_are_the_first_paragraph_in_plain_text_for_every_name_they_list()
    {
        var entries = ManPage.Entries("systemd.exec", Roff);
        entries.Keys.ShouldBe(["ReadWritePaths", "ReadOnlyPaths", "InaccessiblePaths", "ExecPaths", "NoExecPaths", "PrivateTmp", "ProtectSystem"], ignoreOrder: true);
        entries["NoExecPaths"].Text.ShouldEndWith("relative to the root directory set with RootDirectory=/RootImage=.");
        entries["NoExecPaths"].Text.ShouldContain("space-separated list of paths relative to the host's root directory");
        entries["PrivateTmp"].Text.ShouldBe("Takes a boolean argument. If true, sets up a new file system namespace for the executed processes and mounts private /tmp/ and /var/tmp/ directories inside it that are not shared by processes outside of the namespace.");
        entries["ProtectSystem"].Text.ShouldBe("Takes a boolean argument or the special values \"full\" or \"strict\". If true, mounts the /usr/ and the boot loader directories (/boot and /efi) read-only for processes invoked by this unit.");
        entries["ProtectSystem"].Page.ShouldBe("systemd.exec");
    }

    [Theory]
    [InlineData("ProtectSystem", "strict", "the whole file system read-only except /dev, /proc, /sys and ReadWritePaths=: `touch /etc/x`: Read-only file system")]
    [InlineData("ProtectSystem", "full", "/usr, /boot, /efi and /etc read-only")]
    [InlineData("ProtectSystem", "yes", "/usr, /boot, /efi read-only")]
    [InlineData("ProtectHome", "yes", "/home, /root, /run/user empty and inaccessible: `ls /home` shows nothing")]
    [InlineData("NoExecPaths", "/", "nothing under / runs unless ExecPaths= lists it: `ls`: Permission denied (exit 126)")]
    [InlineData("CapabilityBoundingSet", "", "no capability, even as root: `ping` (raw sockets), `chown` of others' files, ports below 1024 fail")]
    [InlineData("UMask", "0077", "new files get mode 0600 (from umask 0077)")]
    [InlineData("PrivateNetwork", "yes", "only a loopback device: `ping 1.1.1.1`: Network is unreachable")]
    public void What_changes_is_what_the_shell_shows(string name, string value, string expected)
    {
        DirectiveTexts.WhatChanges(name, value).ShouldBe(expected);
    }

    [Fact]
    public void Off_values_change_nothing_and_every_catalog_directive_has_a_line_when_on()
    {
        DirectiveTexts.WhatChanges("PrivateTmp", "no").ShouldBeNull();
        DirectiveTexts.WhatChanges("ProtectSystem", "no").ShouldBeNull();
        foreach (var d in DirectiveCatalog.Load().All)
            DirectiveTexts.WhatChanges(d.Name, d.SafeValue ?? (d.Kind == "bool" ? "yes" : "/x")).ShouldNotBeNull(d.Name);
    }

    [Fact]
    public void Without_a_manual_the_words_are_the_catalogs()
    {
        var text = DirectiveTexts.For("PrivateTmp=", "yes", null);
        text.Name.ShouldBe("PrivateTmp");
        text.Words.ShouldBe(DirectiveCatalog.Load().Find("PrivateTmp")!.Explanation);
        text.WordsFrom.ShouldBe("HardenTui's catalog (no manual installed)");
        text.WhatChanges.ShouldBe("a /tmp and /var/tmp of its own, empty at start, gone when it stops");
    }
}
