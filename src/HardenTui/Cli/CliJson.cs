using System.Text.Json.Serialization;
using HardenTui.Core.Proposals;

namespace HardenTui.Cli;

/// <summary>What the commands print as JSON through a serializer, in generated code (the native build has no reflection-based one).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<Proposal>))]
internal sealed partial class CliJson : JsonSerializerContext;
