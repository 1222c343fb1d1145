using System.Text.Json.Serialization;

namespace Imaging.Phantoms.Truth;

/// <summary>Source-generated JSON for the ground truth: camelCase, indented, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(BoneScanGroundTruth))]
public sealed partial class PhantomJsonContext : JsonSerializerContext;
