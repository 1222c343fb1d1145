using System.Text.Json.Serialization;

namespace Imaging.Phantoms.Spine.Mr;

/// <summary>Source-generated JSON for the MR spine ground truth: camelCase, indented, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(SpineMrGroundTruth))]
public sealed partial class SpineMrJsonContext : JsonSerializerContext;
