using HardenTui.Core.Directives;
using HardenTui.Core.Overrides;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Overrides;

/// <summary>A hardening drop-in holds the catalog's directives only, in [Service], with valid values, and no control characters.</summary>
public class HardeningDropInTests
{
    private static readonly DirectiveCatalog Catalog = DirectiveCatalog.Load();

    private static string Error(string text) =>
        Should.Throw<BadInputException>(() => HardeningDropIn.Parse("nginx.service", text, Catalog)).Message;

    /// <summary>Every C0 control but tab and LF, DEL and the C1 range, placed in a comment, a name and a value.</summary>
    public static TheoryData<string, int, int> ControlCharacters()
    {
        var data = new TheoryData<string, int, int>();
        var controls = Enumerable.Range(0, 32).Where(c => c is not '\t' and not '\n').Append(0x7f).Concat(Enumerable.Range(0x80, 32)).Select(c => (char)c);
        foreach (var c in controls)
        {
            data.Add($"[Service]\n# reason{c}ExecStartPre=+/bin/sh -c id\nProtectSystem=strict\n", 2, 9);
            data.Add($"[Service]\nProtectSystem=strict\nNoNew{c}Privileges=yes\n", 3, 6);
            data.Add($"[Service]\nProtectHome=yes{c}\n", 2, 16);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public void A_control_character_is_refused_with_line_and_column(string text, int line, int column)
    {
        var message = Error(text);
        message.ShouldContain($"line {line}, column {column}");
        message.ShouldNotContain("\n");
        message.ShouldNotContain("\r");
        message.ShouldNotContain("\u001b");
    }

    [Theory]
    [InlineData("[Service]\nExecStartPre=+/bin/sh -c id\n", "ExecStartPre= is not a hardening directive")]
    [InlineData("[Service]\nExecStart=\nExecStart=/bin/sh\n", "ExecStart= is not a hardening directive")]
    [InlineData("[Service]\nEnvironment=LD_PRELOAD=/tmp/x.so\n", "Environment= is not a hardening directive")]
    [InlineData("[Service]\nProtectSistem=strict\n", "did you mean ProtectSystem=")]
    [InlineData("[Service]\nUser=root\n", "running as root does not harden")]
    [InlineData("[Service]\nUser=0\n", "running as root does not harden")]
    [InlineData("[Service]\nSupplementaryGroups=adm root\n", "other than root")]
    [InlineData("[Service]\nProtectSystem=bogus\n", "expected one of")]
    [InlineData("[Service]\nProtectHome=\n", "does not harden")]
    [InlineData("[Service]\nNoNewPrivileges=maybe\n", "expected yes or no")]
    [InlineData("[Service]\nUMask=0999\n", "octal")]
    [InlineData("[Service]\nStateDirectory=../../etc\n", "relative directory names")]
    [InlineData("[Service]\nStateDirectory=/etc\n", "relative directory names")]
    [InlineData("[Service]\nReadWritePaths=relative/path\n", "absolute paths")]
    [InlineData("[Service]\nReadWritePaths=/../etc\n", "absolute paths")]
    [InlineData("[Service]\nReadWritePaths=/var/lib\\x0aExecStartPre=/bin/sh\n", "escape sequences")]
    [InlineData("[Service]\nCapabilityBoundingSet=CAP_SYS_ADMIN; rm\n", "capability names")]
    [InlineData("[Service]\nRestrictAddressFamilies=AF_INET $(id)\n", "address families")]
    [InlineData("[Service]\nSystemCallFilter=@system-service `id`\n", "system call names")]
    [InlineData("[Unit]\nAfter=x\n", "only a [Service] section")]
    [InlineData("[Install]\nWantedBy=multi-user.target\n", "only a [Service] section")]
    [InlineData("ProtectSystem=strict\n", "before the [Service] section")]
    [InlineData("[Service]\nProtectSystem=strict \\\n", "continued with")]
    [InlineData("[Service]\nnot a directive\n", "expected Name=value")]
    public void Anything_but_hardening_is_refused(string text, string expected) => Error(text).ShouldContain(expected);

    [Fact]
    public void Absurd_counts_are_refused()
    {
        Error("[Service]\n" + string.Concat(Enumerable.Repeat("ProtectSystem=strict\n", 5_000))).ShouldContain($"more than {HardeningDropIn.MaxDirectives} directives");
        Error("[Service]\nReadWritePaths=" + string.Concat(Enumerable.Repeat("/a ", 10_000)) + "\n").ShouldContain("longer than");
        Error(new string('#', HardeningDropIn.MaxTextLength + 1)).ShouldContain("KiB");
    }

    [Fact]
    public void A_drop_in_built_in_memory_is_checked_the_same_way()
    {
        var sneaky = new DropIn("nginx.service", [new DropInDirective("ProtectSystem", "strict", "fine\rExecStartPre=+/bin/sh")]);
        Should.Throw<BadInputException>(() => HardeningDropIn.Check(sneaky, Catalog)).Message.ShouldContain("carriage return");
        var other = new DropIn("nginx.service", [new DropInDirective("ExecStartPre", "+/bin/sh", "")]);
        Should.Throw<BadInputException>(() => HardeningDropIn.Check(other, Catalog));
    }

    [Fact]
    public void Every_shipped_profile_and_its_rendering_pass()
    {
        var profiles = Host.Profiles.ProfileLibrary.Shipped()!.All();
        profiles.ShouldNotBeEmpty();
        foreach (var profile in profiles)
        {
            var dropIn = profile.ToDropIn(profile.Units.First(u => !u.Contains('*')));
            HardeningDropIn.Check(dropIn, Catalog);
            HardeningDropIn.Parse(dropIn.Unit, dropIn.Render(DateTimeOffset.UnixEpoch), Catalog).Directives.ShouldBe(dropIn.Directives);
        }
    }

    [Theory]
    [InlineData("[Service]\r\nProtectSystem=strict\r\n", "line 1, column 10")]
    [InlineData("[Service]\nProtectSystem=strict\n# note\u0000\n", "line 3, column 7: a NUL byte")]
    public void Windows_line_ends_and_nul_in_comments_are_refused_too(string text, string expected) => Error(text).ShouldContain(expected);

    /// <summary>Values newer than a directive's basic kind (a bool that grew strict/private in 257) are the catalog's, not syntax errors.</summary>
    [Theory]
    [InlineData("ProtectControlGroups=strict")]
    [InlineData("StateDirectory=nginx nginx/cache")]
    [InlineData("RuntimeDirectoryMode=1777")]
    [InlineData("ProtectControlGroups=private")]
    [InlineData("PrivateTmp=disconnected")]
    public void Values_the_catalog_lists_are_accepted(string line) =>
        HardeningDropIn.Parse("nginx.service", $"[Service]\n{line}\n", Catalog).Directives.ShouldHaveSingleItem();

    [Fact]
    public void A_value_the_catalog_does_not_list_is_still_refused() =>
        Error("[Service]\nProtectControlGroups=sometimes\n").ShouldContain("ProtectControlGroups=sometimes");
}
