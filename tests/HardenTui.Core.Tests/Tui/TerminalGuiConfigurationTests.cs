using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using HardenTui.Tui.AppHost;
using Shouldly;
using Terminal.Gui.Configuration;
using Xunit;

namespace HardenTui.Core.Tests.Tui;

/// <summary>
/// The native build replaces the body of Terminal.Gui's module initializer with an empty one (it ran before Main for
/// every command) and the wizard applies Terminal.Gui's configuration itself (<c>TerminalGuiConfiguration</c>). That
/// rests on what Terminal.Gui 2.5 does there, read from its assembly here, so an update that changes it fails a test
/// instead of silently leaving the wizard without part of its set-up.
/// </summary>
[Collection("terminal.gui")]
public class TerminalGuiConfigurationTests
{
    private const string InitializerType = "Terminal.Gui.ModuleInitializers";
    private const string Initializer = "InitializeConfiguration";

    [Fact]
    public void Terminal_Gui_has_one_module_initializer_and_it_only_applies_the_configuration()
    {
        using var pe = new PEReader(File.OpenRead(typeof(TuiConfigurationBuilder).Assembly.Location));
        var md = pe.GetMetadataReader();
        var module = md.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1)); // <Module>
        var cctor = module.GetMethods().Select(md.GetMethodDefinition).Where(m => md.GetString(m.Name) == ".cctor").ToList();
        cctor.Count.ShouldBe(1, "Terminal.Gui has no module initializer any more: drop the substitution and TerminalGuiConfiguration");
        Calls(pe, md, cctor[0]).ShouldBe([$"{InitializerType}::{Initializer}"]);

        var init = md.TypeDefinitions.Select(md.GetTypeDefinition).Single(t => FullName(md, t) == InitializerType)
            .GetMethods().Select(md.GetMethodDefinition).Single(m => md.GetString(m.Name) == Initializer);
        var calls = Calls(pe, md, init);
        // The try: TuiConfigurationBuilder.Shared.ApplyToStaticFacades(); the catch: TuiJsonErrors.Add("…" + e.Message + "…").
        calls.ShouldBe([
            "Terminal.Gui.Configuration.TuiConfigurationBuilder::get_Shared",
            "Terminal.Gui.Configuration.TuiConfigurationBuilder::ApplyToStaticFacades",
            "System.Exception::get_Message",
            "System.String::Concat",
            "Terminal.Gui.Configuration.TuiJsonErrors::Add",
        ], $"Terminal.Gui's module initializer now does more than apply its configuration; TerminalGuiConfiguration must do the same: {string.Join(", ", calls)}");
    }

    [Fact]
    public void The_native_builds_substitution_names_that_initializer()
    {
        var xml = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Tui", "TerminalGui.Substitutions.xml"));
        var type = xml.Root!.Element("assembly")!.Element("type")!;
        xml.Root.Element("assembly")!.Attribute("fullname")!.Value.ShouldBe(typeof(TuiConfigurationBuilder).Assembly.GetName().Name);
        type.Attribute("fullname")!.Value.ShouldBe(InitializerType);
        var method = type.Element("method")!;
        method.Attribute("signature")!.Value.ShouldBe($"System.Void {Initializer}()");
        method.Attribute("body")!.Value.ShouldBe("stub");
        xml.Descendants("method").Count().ShouldBe(1);
    }

    [Fact]
    public void A_new_wizard_application_publishes_Terminal_Gui_configuration_to_its_settings()
    {
        // As in the native build, where the initializer did nothing: stale settings objects that no configuration made.
        var app = new ApplicationSettings();
        var keys = new KeySettings();
        var glyphs = new GlyphSettings();
        ApplicationSettings.Defaults = app;
        KeySettings.Defaults = keys;
        GlyphSettings.Current = glyphs;

        using (WizardLoop.NewApplication())
        {
            ApplicationSettings.Defaults.ShouldNotBeSameAs(app);
            KeySettings.Defaults.ShouldNotBeSameAs(keys);
            GlyphSettings.Current.ShouldNotBeSameAs(glyphs);
        }
    }

    /// <summary>The methods a method body calls, in order, as Namespace.Type::Name.</summary>
    private static List<string> Calls(PEReader pe, MetadataReader md, MethodDefinition method)
    {
        var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
        var calls = new List<string>();
        while (il.RemainingBytes > 0)
        {
            var op = OpCodeAt(ref il);
            if (op.OperandType == OperandType.InlineMethod)
            {
                calls.Add(MethodName(md, MetadataTokens.EntityHandle(il.ReadInt32())));
                continue;
            }
            il.Offset += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 * il.ReadInt32(),
                _ => 4,
            };
        }
        return calls;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields()
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static OpCode OpCodeAt(ref BlobReader il)
    {
        var b = il.ReadByte();
        return OpCodesByValue[b == 0xFE ? (short)(0xFE00 | il.ReadByte()) : b];
    }

    private static string MethodName(MetadataReader md, EntityHandle h) => h.Kind switch
    {
        HandleKind.MethodDefinition => md.GetMethodDefinition((MethodDefinitionHandle)h) is var m
            ? $"{FullName(md, md.GetTypeDefinition(m.GetDeclaringType()))}::{md.GetString(m.Name)}" : "",
        HandleKind.MemberReference => md.GetMemberReference((MemberReferenceHandle)h) is var r
            ? $"{TypeName(md, r.Parent)}::{md.GetString(r.Name)}" : "",
        HandleKind.MethodSpecification => MethodName(md, md.GetMethodSpecification((MethodSpecificationHandle)h).Method),
        _ => h.Kind.ToString(),
    };

    private static string TypeName(MetadataReader md, EntityHandle h) => h.Kind switch
    {
        HandleKind.TypeReference => md.GetTypeReference((TypeReferenceHandle)h) is var t
            ? $"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}" : "",
        HandleKind.TypeDefinition => FullName(md, md.GetTypeDefinition((TypeDefinitionHandle)h)),
        _ => h.Kind.ToString(),
    };

    private static string FullName(MetadataReader md, TypeDefinition t) => $"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}";
}
