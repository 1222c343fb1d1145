using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Imaging.Api.Workspace;

/// <summary>The patient ID of <c>/api/patients/{patientId}...</c>, percent-decoded from the raw request target: routing
/// leaves an encoded '/' (%2F) encoded, and patient IDs may hold '/'.</summary>
internal static class PatientRouteValue
{
    private const string Prefix = "/api/patients/";

    public static string Decode(HttpContext context, string routeValue)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw)) return routeValue;
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        var start = path.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
        if (start < 0) return routeValue;
        var segment = path[(start + Prefix.Length)..];
        var end = segment.IndexOf('/', StringComparison.Ordinal);
        if (end >= 0) segment = segment[..end];
        try
        {
            return Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            return routeValue;
        }
    }

    /// <summary>Patient ID (LO): 1 to 64 characters, no control characters, no backslash.</summary>
    public static bool IsValid(string patientId) => QueryParameters.IsPlainText(patientId, 64);

    public static ParameterError Error => new("patientId", "must be 1 to 64 characters without control characters or '\\' (URL-encoded in the path).");
}
