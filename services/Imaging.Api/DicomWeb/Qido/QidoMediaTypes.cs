using Microsoft.Net.Http.Headers;

namespace Imaging.Api.DicomWeb.Qido;

/// <summary>Accept negotiation for QIDO-RS: DICOM JSON only (PS3.18 10.6.3.2 also defines multipart DICOM XML, which we
/// do not produce).</summary>
internal static class QidoMediaTypes
{
    public const string DicomJson = "application/dicom+json";
    public const string Json = "application/json";

    /// <summary>Longest Accept header looked at; a longer one is refused rather than parsed.</summary>
    private const int MaximumAcceptLength = 4096;

    /// <summary>The media type to answer with, or null when the Accept header allows neither DICOM JSON nor JSON.</summary>
    public static string? Negotiate(IList<string?> accept)
    {
        if (accept.Count == 0) return DicomJson;
        if (accept.Sum(a => a?.Length ?? 0) > MaximumAcceptLength) return null;
        if (!MediaTypeHeaderValue.TryParseList([.. accept.OfType<string>()], out var types)) return null;
        string? chosen = null;
        var best = 0.0;
        foreach (var type in types)
        {
            var quality = type.Quality ?? 1.0;
            if (quality <= 0) continue;
            var media = type.MediaType.Value ?? "";
            var answer = media.ToUpperInvariant() switch
            {
                "APPLICATION/DICOM+JSON" or "APPLICATION/*" or "*/*" => DicomJson,
                "APPLICATION/JSON" => Json,
                _ => null,
            };
            if (answer is not null && quality > best)
            {
                (chosen, best) = (answer, quality);
            }
        }
        return chosen;
    }
}
