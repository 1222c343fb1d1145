using Imaging.Api.Security;

namespace Imaging.Api.Tests.Security;

/// <summary>No key material reaches the logs or the audit log, whatever happens to the credential, at any log level.</summary>
public sealed class SecretLoggingTests : IDisposable
{
    private readonly KeyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Keys_and_tokens_good_or_bad_never_appear_in_logs_or_audit_entries()
    {
        var secret = TestCredentials.NewHmacSecret();
        await using var host = await SecurityHost.StartAsync(SecurityHost.Settings(_folder.Path, out var keys, secret));
        var good = TestCredentials.HmacToken(secret);
        var forged = TestCredentials.HmacToken(TestCredentials.NewHmacSecret(), ImagingRoles.Admin);
        var wrongKey = TestCredentials.NewApiKey();

        await host.GetAsync("/api/studies", apiKey: keys[ImagingRoles.Radiologist]);
        await host.GetAsync("/api/studies", bearer: keys[ImagingRoles.Admin]);
        await host.GetAsync("/api/studies", apiKey: keys[ImagingRoles.Researcher]);
        await host.GetAsync("/api/studies", apiKey: wrongKey);
        await host.GetAsync("/api/studies", bearer: good);
        await host.GetAsync("/api/studies", bearer: forged);
        await host.GetAsync($"/api/studies?token={wrongKey}");
        var entries = await host.AuditEntriesAsync(7);

        string[] secrets = [.. keys.Values, wrongKey, good.Split('.')[2], forged.Split('.')[2], good, forged, Convert.ToBase64String(secret),
            Convert.ToHexString(secret)];
        var texts = host.Logs.Lines.Concat(entries.Select(e => e.ToString())).ToList();
        Assert.NotEmpty(host.Logs.Lines);
        foreach (var text in texts)
        {
            foreach (var value in secrets) Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }
    }
}
