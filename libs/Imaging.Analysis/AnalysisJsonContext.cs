using System.Text.Json.Serialization;
using Imaging.Analysis.Metadata;

namespace Imaging.Analysis;

/// <summary>Source-generated JSON for the analysis types: camelCase, absent values left out, so findings payloads stay
/// small and readable by any client.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SeriesMetadata))]
public sealed partial class AnalysisJsonContext : JsonSerializerContext;
