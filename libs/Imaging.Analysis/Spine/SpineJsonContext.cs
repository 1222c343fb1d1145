using System.Text.Json.Serialization;

namespace Imaging.Analysis.Spine;

/// <summary>Source-generated JSON of the spine findings: camelCase, nulls left out except <c>comparison</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SpineFindings))]
public sealed partial class SpineJsonContext : JsonSerializerContext;
