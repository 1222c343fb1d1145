using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Security;

/// <summary>Which requests are accesses to patient data and so audited: everything under <c>/api</c> except the
/// de-identified <c>/api/research</c> and the API's description and health, everything under <c>/dicomweb</c>, and every
/// refused authentication or authorization wherever it happened.</summary>
internal static class AuditScope
{
    private static readonly PathString Api = "/api";
    private static readonly PathString DicomWeb = "/dicomweb";
    private static readonly PathString[] ApiExclusions = ["/api/research", "/api/openapi", "/api/health", "/api/swagger"];

    public static bool IsAudited(PathString path, int statusCode)
    {
        if (statusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden) return true;
        if (path.StartsWithSegments(DicomWeb)) return true;
        return path.StartsWithSegments(Api) && !ApiExclusions.Any(path.StartsWithSegments);
    }
}
