using System.Text.Json.Serialization;

namespace Imaging.Phantoms.Spine.Truth;

/// <summary>Source-generated JSON for the spine ground truth: camelCase, indented, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(SpineCtGroundTruth))]
public sealed partial class SpineJsonContext : JsonSerializerContext;
