using System.Text.Json;

namespace Imaging.Api;

/// <summary>One findings record as the API shows it: the payload embedded as JSON, not as a string holding JSON.</summary>
/// <param name="Payload">The analyzer's findings document; null only when the stored text is not JSON (then
/// <paramref name="PayloadError"/> says so).</param>
public sealed record FindingsItem(
    string Analyzer,
    string AnalyzerVersion,
    int ReadyVersion,
    DateTimeOffset ProducedAt,
    JsonElement? Payload,
    string? PayloadError = null);
