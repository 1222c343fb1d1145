using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Imaging.Api.Ui;

/// <summary>The radiologist web UI: static files embedded in the API (see Ui/README.md), served under <c>/ui/</c>.</summary>
public static class ImagingUiEndpoints
{
    /// <summary>Longest path under /ui/ looked up; our files have short names, a longer request is not one of them.</summary>
    private const int MaximumPathLength = 200;

    /// <summary>Maps <c>GET /</c> (redirect to <c>/ui/</c>), <c>GET /ui</c> (redirect) and <c>GET|HEAD /ui/{**path}</c>. Returns the
    /// <c>/ui</c> group so the host can put an authorization policy on it (the files hold no data: the API calls do).</summary>
    public static RouteGroupBuilder MapImagingUi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/", () => Results.Redirect("/ui/")).ExcludeFromDescription();
        var ui = endpoints.MapGroup("/ui").ExcludeFromDescription();
        ui.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], Serve);
        return ui;
    }

    private static IResult Serve(HttpContext context, string? path)
    {
        // Routing ignores a trailing slash, so /ui and /ui/ both land here; only /ui/ may serve the page, or its relative
        // links (app.css, js/app.js) would resolve against the site root.
        if (string.IsNullOrEmpty(path) && !(context.Request.PathBase + context.Request.Path).Value!.EndsWith('/'))
            return Results.Redirect("/ui/");
        UiSecurityHeaders.Apply(context.Response);
        path = string.IsNullOrEmpty(path) ? "index.html" : path;
        var asset = path.Length <= MaximumPathLength ? UiAssets.Find(path) : null;
        if (asset is null)
        {
            return TypedResults.Problem(
                detail: "No such file in the web UI.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Not found",
                type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");
        }

        var headers = context.Response.Headers;
        // Names are not fingerprinted, so every use revalidates; the ETag makes that a 304 without a body.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || string.Equals(t.Tag.Value, asset.ETag, StringComparison.Ordinal)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }
}
