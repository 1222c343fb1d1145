using System.Net;
using System.Text.Json;

namespace Imaging.Api.Tests.Workspace;

/// <summary>Checks that a response is an RFC 7807 problem with the expected status, and for a 400 names the parameter.</summary>
internal static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? parameter = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement.Clone();
        Assert.Equal((int)status, root.GetProperty("status").GetInt32());
        if (parameter is not null) Assert.True(root.GetProperty("errors").TryGetProperty(parameter, out _), $"The problem does not name '{parameter}'.");
        return root;
    }
}
