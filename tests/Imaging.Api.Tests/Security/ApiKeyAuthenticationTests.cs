using System.Net;
using Imaging.Api.Security;

namespace Imaging.Api.Tests.Security;

/// <summary>API keys: X-Api-Key or Authorization: Bearer, configured as SHA-256 hashes or key files.</summary>
public sealed class ApiKeyAuthenticationTests : IDisposable
{
    private readonly KeyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_known_key_in_x_api_key_or_bearer_is_accepted()
    {
        await using var host = await SecurityHost.StartAsync(SecurityHost.Settings(_folder.Path, out var keys));

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", apiKey: keys[ImagingRoles.Radiologist])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", bearer: keys[ImagingRoles.Radiologist])).StatusCode);
    }

    [Fact]
    public async Task A_key_from_a_key_file_is_accepted_with_its_trailing_newline_ignored()
    {
        var key = TestCredentials.NewApiKey();
        var file = _folder.File("radiologist.key");
        await File.WriteAllTextAsync(file, key + "\n");
        await using var host = await SecurityHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0:Name"] = "reading-room", ["Auth:ApiKeys:0:Role"] = ImagingRoles.Radiologist, ["Auth:ApiKeys:0:KeyFile"] = file,
        });

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", apiKey: key)).StatusCode);
        var entry = Assert.Single(await host.AuditEntriesAsync(1));
        Assert.Equal("reading-room", entry.UserName);
        Assert.Equal(ImagingAuthSchemes.ApiKey, entry.AuthMethod);
    }

    [Fact]
    public async Task A_wrong_key_is_401_problem_details_with_an_invalid_token_challenge()
    {
        await using var host = await SecurityHost.StartAsync(SecurityHost.Settings(_folder.Path, out var keys));

        var response = await host.GetAsync("/api/studies", apiKey: keys[ImagingRoles.Radiologist] + "x");

        await ProblemAssert.RefusedAsync(response, HttpStatusCode.Unauthorized, "the API key is not known");
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_key_is_401_with_a_plain_bearer_challenge()
    {
        await using var host = await SecurityHost.StartAsync(SecurityHost.Settings(_folder.Path, out _));

        var response = await host.GetAsync("/api/studies");

        await ProblemAssert.RefusedAsync(response, HttpStatusCode.Unauthorized, "needs credentials");
        Assert.DoesNotContain("error=", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_or_repeated_key_is_refused_without_being_hashed()
    {
        await using var host = await SecurityHost.StartAsync(SecurityHost.Settings(_folder.Path, out var keys));

        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", apiKey: new string('k', 100_000)), HttpStatusCode.Unauthorized, "too long");
        using var twice = new HttpRequestMessage(HttpMethod.Get, "/api/studies");
        twice.Headers.Add("X-Api-Key", [keys[ImagingRoles.Radiologist], keys[ImagingRoles.Radiologist]]);
        await ProblemAssert.RefusedAsync(await host.Client.SendAsync(twice), HttpStatusCode.Unauthorized, "must be given once");
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/api/studies");
        basic.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        await ProblemAssert.RefusedAsync(await host.Client.SendAsync(basic), HttpStatusCode.Unauthorized, "not a single 'Bearer'");
    }

    [Theory]
    [InlineData("Auth:ApiKeys:0:Sha256", "abc", "64 hex digits")]
    [InlineData("Auth:ApiKeys:0:Role", "nurse", "is not one of")]
    [InlineData("Auth:ApiKeys:0:Name", "", "Name must be")]
    public void Bad_key_settings_stop_the_start_with_a_message_naming_the_entry(string setting, string value, string message)
    {
        var settings = SecurityHost.Settings(_folder.Path, out _);
        settings[setting] = value;

        var error = Assert.Throws<SecurityConfigurationException>(() => SecurityBuilder.Add(settings, loopbackOnly: false));

        Assert.Contains("Auth:ApiKeys:0", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_key_file_or_a_missing_one_stops_the_start()
    {
        var file = _folder.File("short.key");
        File.WriteAllText(file, "short");
        var settings = new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0:Name"] = "x", ["Auth:ApiKeys:0:Role"] = ImagingRoles.Admin, ["Auth:ApiKeys:0:KeyFile"] = file,
        };
        Assert.Contains("16 to", Assert.Throws<SecurityConfigurationException>(() => SecurityBuilder.Add(settings, false)).Message, StringComparison.Ordinal);
        settings["Auth:ApiKeys:0:KeyFile"] = _folder.File("missing.key");
        Assert.Contains("does not exist", Assert.Throws<SecurityConfigurationException>(() => SecurityBuilder.Add(settings, false)).Message, StringComparison.Ordinal);
    }
}
