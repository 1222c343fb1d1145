using System.Net;

namespace Imaging.Api.Tests.DicomWeb;

public sealed class DicomWebCorsTests
{
    private static HttpRequestMessage Request(HttpMethod method, string url, string origin)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Origin", origin);
        return request;
    }

    [Fact]
    public async Task Cors_headers_are_sent_only_for_configured_origins()
    {
        await using var host = await DicomWebHost.StartAsync(new() { ["DicomWeb:Cors:AllowedOrigins:0"] = "https://viewer.example.org" });
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        await host.StoreAsync(TestInstances.Create(study, series, instance));

        using var allowed = await host.Client.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{study}/metadata", "https://viewer.example.org"));
        Assert.Equal("https://viewer.example.org", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = allowed.Headers.GetValues("Access-Control-Expose-Headers").Single();
        foreach (var header in new[] { "Content-Type", "Warning", "Content-Location" }) Assert.Contains(header, exposed, StringComparison.Ordinal);

        using var other = await host.Client.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{study}/metadata", "https://evil.example.com"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));

        var preflight = Request(HttpMethod.Options, $"/dicomweb/studies/{study}/series/{series}/instances/{instance}/frames/1", "https://viewer.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var answer = await host.Client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("GET, POST, OPTIONS", answer.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("https://viewer.example.org", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Cors_headers_are_absent_when_no_origin_is_configured()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        await host.StoreAsync(TestInstances.Create(study, series, instance));
        using var response = await host.Client.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{study}/metadata", "https://viewer.example.org"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
