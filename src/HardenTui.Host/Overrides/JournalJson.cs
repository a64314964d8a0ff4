using System.Text.Json.Serialization;

namespace HardenTui.Host.Overrides;

/// <summary>Journal records as JSON through generated code (the native build has no reflection-based serializer).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JournalRecord))]
internal sealed partial class JournalJson : JsonSerializerContext;
