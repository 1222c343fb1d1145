using System.Net;
using System.Text.Json;

namespace Imaging.Api.Tests.Workspace;

/// <summary><c>GET /openapi/v1.json</c> is a parseable OpenAPI document listing every /api route with a summary and its
/// problem responses.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_document_lists_every_api_route_with_summaries_and_problem_responses()
    {
        await using var host = await WorkspaceHost.StartAsync();

        using var response = await host.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString());
        var paths = root.GetProperty("paths");
        var expected = new Dictionary<string, string[]>
        {
            ["/api/studies"] = ["400", "503"],
            ["/api/studies/{uid}"] = ["400", "404", "503"],
            ["/api/series/{uid}/findings"] = ["400", "404", "503"],
            ["/api/patients"] = ["400", "503"],
            ["/api/patients/{patientId}"] = ["400", "404", "503"],
            ["/api/patients/{patientId}/timeline"] = ["400", "404", "503"],
            ["/api/patients/{patientId}/comparison"] = ["400", "404", "503"],
            ["/api/findings/search"] = ["400", "503"],
            ["/api/research/findings"] = ["400", "503"],
        };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), paths.EnumerateObject().Select(p => p.Name).Where(p => p.StartsWith("/api", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var (path, problems) in expected)
        {
            var get = paths.GetProperty(path).GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()), path);
            var responses = get.GetProperty("responses");
            Assert.True(responses.TryGetProperty("200", out var ok), path);
            Assert.True(ok.GetProperty("content").TryGetProperty("application/json", out _), path);
            foreach (var status in problems)
                Assert.True(responses.TryGetProperty(status, out var problem) && problem.GetProperty("content").TryGetProperty("application/problem+json", out _),
                    $"{path} {status}");
        }
        var search = paths.GetProperty("/api/patients").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["q", "patientId", "name", "fuzzy", "birthDate", "limit", "offset"], search);
        var studies = paths.GetProperty("/api/studies").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Contains("modality", studies);
    }
}
