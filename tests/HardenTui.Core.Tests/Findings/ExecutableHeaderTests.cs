using HardenTui.Core.Findings;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Findings;

public class ExecutableHeaderTests
{
    [Theory]
    [InlineData("#!/bin/sh\necho hi\n", "/bin/sh")]
    [InlineData("#! /usr/bin/env python3\n", "/usr/bin/env")]
    [InlineData("#!relative\n", null)]
    [InlineData("plain text", null)]
    public void Shebang_lines(string head, string? expected) =>
        ExecutableHeader.Interpreter(System.Text.Encoding.UTF8.GetBytes(head)).ShouldBe(expected);

    [Fact]
    public void Elf_pt_interp_of_a_real_binary()
    {
        var head = File.ReadAllBytes("/usr/bin/ls").AsSpan(0, ExecutableHeader.BytesNeeded);
        ExecutableHeader.Interpreter(head).ShouldBe("/lib64/ld-linux-x86-64.so.2");
    }
}
