using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Imaging.Api.DicomWeb;

/// <summary>CORS for browser viewers on another origin (<c>DicomWeb:Cors</c>): the allowed origin echoed back, methods GET,
/// POST and OPTIONS, and the response headers viewers read exposed. No allowed origins, no CORS headers.</summary>
/// <remarks>Done per route group rather than with the CORS middleware so that it covers exactly the DICOMweb routes and
/// needs nothing in the host's middleware pipeline.</remarks>
internal sealed class DicomWebCors(IOptions<DicomWebOptions> options) : IEndpointFilter
{
    public const string AllowedMethods = "GET, POST, OPTIONS";
    public const string ExposedHeaders = "Content-Type, Warning, Content-Location";
    private const string AllowedRequestHeaders = "Accept, Content-Type, Authorization";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (AllowedOrigin(http.Request) is { } origin)
        {
            var headers = http.Response.Headers;
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlExposeHeaders = ExposedHeaders;
            headers.Vary = "Origin";
        }
        return next(context);
    }

    /// <summary>The answer to a preflight request: 204, with the CORS headers when the origin is allowed.</summary>
    public IResult Preflight(HttpContext context)
    {
        if (AllowedOrigin(context.Request) is { } origin)
        {
            var headers = context.Response.Headers;
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlAllowMethods = AllowedMethods;
            headers.AccessControlAllowHeaders = AllowedRequestHeaders;
            headers.AccessControlMaxAge = options.Value.Cors.PreflightMaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers.Vary = "Origin";
        }
        return TypedResults.NoContent();
    }

    /// <summary>The value for Access-Control-Allow-Origin, or null when this request gets no CORS headers.</summary>
    private string? AllowedOrigin(HttpRequest request)
    {
        var allowed = options.Value.Cors.AllowedOrigins;
        if (allowed.Length == 0) return null;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || origin.Length > 512) return null;
        if (allowed.Contains("*", StringComparer.Ordinal)) return "*";
        return allowed.Contains(origin, StringComparer.OrdinalIgnoreCase) ? origin : null;
    }
}
