using System.Net;
using System.Text.Json;

namespace Imaging.Api.Tests.Security;

/// <summary>Checks of the 401/403 answers: problem details with a Bearer challenge.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement.Clone();
        Assert.Equal((int)status, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        if (detailContains is not null) Assert.Contains(detailContains, root.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return root;
    }
}
