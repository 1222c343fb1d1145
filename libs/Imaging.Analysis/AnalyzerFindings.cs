using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Imaging.Analysis;

/// <summary>What an analyzer found: one JSON document in the analyzer's own schema (versioned by the analyzer's version).</summary>
public sealed record AnalyzerFindings
{
    private AnalyzerFindings(string payloadJson) => PayloadJson = payloadJson;

    /// <summary>The findings as a JSON document.</summary>
    public string PayloadJson { get; }

    /// <summary>Findings serialised with a source-generated contract (no reflection, trimming-safe).</summary>
    public static AnalyzerFindings FromValue<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.Serialize(value, typeInfo));

    /// <summary>Findings from JSON text; throws <see cref="JsonException"/> when it is not one well-formed JSON document,
    /// so nothing malformed reaches a findings store.</summary>
    public static AnalyzerFindings FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using (JsonDocument.Parse(json)) { }
        return new AnalyzerFindings(json);
    }
}
