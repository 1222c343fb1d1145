using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Ui;

/// <summary>The response headers every UI file carries: a strict Content-Security-Policy (scripts and styles only from
/// this origin, never inline; images also from blob: object URLs, which is how authenticated images are shown), no MIME
/// sniffing, no framing, no referrer (URLs hold patient IDs).</summary>
internal static class UiSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
