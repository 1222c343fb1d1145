using System.Text.Json.Serialization;

namespace Imaging.Analysis.BoneScan;

/// <summary>Source-generated JSON of the bone-scan findings: camelCase, nulls left out except <c>comparison</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(BoneScanFindings))]
public sealed partial class BoneScanJsonContext : JsonSerializerContext;
