using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace Imaging.Api.Tests;

/// <summary>While the index database is down or restarting the API answers 503 with Retry-After (the request was fine,
/// retry shortly), not a 500; failures that retrying cannot fix are not disguised as that.</summary>
public sealed class DatabaseUnavailableTests
{
    [Theory]
    [InlineData("/api/studies")]
    [InlineData("/api/studies/1.2.3")]
    [InlineData("/api/series/1.2.3/findings")]
    public async Task An_unreachable_database_is_a_503_problem_with_retry_after(string path)
    {
        // What Npgsql throws when nothing listens on the server's port (PostgreSQL stopped).
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
        await using var api = await ApiHost.StartAsync(new UnreachableStore(refused));

        using var response = await api.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Database unavailable", body.RootElement.GetProperty("title").GetString());
        Assert.Equal(503, body.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_failure_that_retrying_cannot_fix_is_not_answered_as_unavailable()
    {
        await using var api = await ApiHost.StartAsync(new UnreachableStore(new InvalidOperationException("a bug, not an outage")));

        // The test server hands the application's unhandled exception to the caller (where Kestrel would answer 500):
        // it went through the filter untouched.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => api.Client.GetAsync("/api/studies"));

        Assert.Equal("a bug, not an outage", failure.Message);
    }
}
