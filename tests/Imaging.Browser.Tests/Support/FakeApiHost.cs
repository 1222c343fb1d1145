using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Imaging.Api.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.Browser.Tests.Support;

/// <summary>A Kestrel host on a free loopback port serving the real UI (<see cref="ImagingUiEndpoints.MapImagingUi"/>)
/// beside canned /api answers (<see cref="CannedApi"/>) and small PNGs for every rendered frame, thumbnail and key image.
/// It records each API/DICOMweb request; with <see cref="RequiredToken"/> set it answers 401 problem details to requests
/// without that bearer token, as the API does once authentication is on.</summary>
public sealed class FakeApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeApiHost(WebApplication app, string? requiredToken)
    {
        _app = app;
        RequiredToken = requiredToken;
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string? RequiredToken { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>One request to /api or /dicomweb: its raw target (path still encoded), Accept and Authorization.</summary>
    public sealed record RecordedRequest(string RawTarget, string Path, string Query, string? Accept, string? Authorization);

    public static async Task<FakeApiHost> StartAsync(string? requiredToken = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var host = new FakeApiHost(app, requiredToken);
        app.MapImagingUi();
        app.Map("/api/{**rest}", host.Answer);
        app.Map("/dicomweb/{**rest}", host.Answer);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(cts.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        host.BaseAddress = new Uri(address);
        return host;
    }

    private IResult Answer(HttpContext context)
    {
        // The raw target keeps %2F inside a segment, which routing would have decoded ambiguously.
        var raw = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var split = raw.Split('?', 2);
        var segments = split[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var path = "/" + string.Join('/', segments);
        var authorization = context.Request.Headers.Authorization.ToString();
        _requests.Enqueue(new RecordedRequest(raw, path, split.Length > 1 ? split[1] : "", context.Request.Headers.Accept.ToString(),
            authorization.Length == 0 ? null : authorization));
        if (RequiredToken is not null && authorization != $"Bearer {RequiredToken}")
        {
            return TypedResults.Problem(detail: "A bearer token is required.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }
        return Route(segments);
    }

    private static IResult Route(string[] s)
    {
        if (s is ["api", "patients"]) return Json(CannedApi.Patients());
        if (s is ["api", "patients", CannedApi.PatientId]) return Json(CannedApi.Patient());
        if (s is ["api", "patients", CannedApi.PatientId, "timeline"]) return Json(CannedApi.Timeline());
        if (s is ["api", "patients", CannedApi.PatientId, "comparison"]) return Json(CannedApi.Comparison());
        if (s is ["api", "patients", ..])
            return TypedResults.Problem(detail: "No such patient.", statusCode: StatusCodes.Status404NotFound, title: "Patient not found");
        if (s is ["dicomweb", "studies", _, "series", _, "thumbnail"]) return Png(64, 64, 0.5);
        if (s is ["dicomweb", "studies", _, "series", _, "instances", _, "frames", var frame, "rendered"])
            return Png(256, 1024, frame == "1" ? 0.3 : 0.6);
        if (s is ["dicomweb", "studies", _, "series", _, "instances", _, "rendered"]) return Png(200, 300, 0.5);
        return TypedResults.Problem(detail: $"The fake API has no answer for /{string.Join('/', s)}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }

    private static IResult Json(JsonObject body) => TypedResults.Text(body.ToJsonString(), "application/json; charset=utf-8");

    private static IResult Png(int width, int height, double band) => TypedResults.Bytes(TestPng.Gradient(width, height, band), "image/png");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
