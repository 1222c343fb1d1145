using System.Net;
using System.Text.Json;
using Imaging.Telemetry.Tests.Support;

namespace Imaging.Telemetry.Tests;

/// <summary>/health/live and /health/ready of an in-process `imaging serve` (embedded: SQLite, in-memory bus).</summary>
public sealed class HealthEndpointTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ready_answers_200_with_every_check_healthy_and_live_answers_200_without_checks()
    {
        await using var serve = await InProcessServe.StartAsync();
        using var http = new HttpClient { Timeout = RequestTimeout };

        using var live = await http.GetAsync(new Uri($"http://127.0.0.1:{serve.HttpPort}/health/live"));
        using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{serve.HttpPort}/health/ready"));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("live", JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
        var root = JsonDocument.Parse(body).RootElement;
        Assert.True(root.GetProperty("ready").GetBoolean());
        var checks = root.GetProperty("checks");
        foreach (var name in new[] { "data-folder", "store", "broker", "bus" })
            Assert.Equal("healthy", checks.GetProperty(name).GetProperty("status").GetString());
        Assert.True(checks.GetProperty("data-folder").GetProperty("data").GetProperty("freeBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_data_folder_when_free_space_is_below_the_threshold_while_live_and_health_stay_200()
    {
        await using var serve = await InProcessServe.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Health:MinimumFreeBytes"] = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var http = new HttpClient { Timeout = RequestTimeout };

        using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{serve.HttpPort}/health/ready"));
        using var live = await http.GetAsync(new Uri($"http://127.0.0.1:{serve.HttpPort}/health/live"));
        using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{serve.HttpPort}/health"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var root = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.False(root.GetProperty("ready").GetBoolean());
        Assert.Equal("unhealthy", root.GetProperty("status").GetString());
        var folder = root.GetProperty("checks").GetProperty("data-folder");
        Assert.Equal("unhealthy", folder.GetProperty("status").GetString());
        Assert.Contains("below", folder.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("healthy", root.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_when_the_data_folder_is_gone()
    {
        await using var serve = await InProcessServe.StartAsync();
        using var http = new HttpClient { Timeout = RequestTimeout };
        var moved = serve.DataDirectory + ".moved";
        Directory.Move(serve.DataDirectory, moved);
        try
        {
            using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{serve.HttpPort}/health/ready"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var folder = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("data-folder");
            Assert.Equal("unhealthy", folder.GetProperty("status").GetString());
        }
        finally
        {
            Directory.Move(moved, serve.DataDirectory);
        }
    }
}
