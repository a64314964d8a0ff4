using System.Text.Json.Serialization;
using HardenTui.Core.Directives;
using HardenTui.Core.Exposure;

namespace HardenTui.Core;

/// <summary>The embedded data tables (directives.json, assessors.json), read through generated code: no reflection, so the native build keeps them.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<Directive>))]
[JsonSerializable(typeof(List<Assessor>))]
internal sealed partial class CoreJson : JsonSerializerContext;
