using System.Net;
using System.Text.Json;
using Imaging.Api.Security;

namespace Imaging.Api.Tests.Security;

/// <summary>Local mode: loopback bind and nothing configured means the local user; an open bind without credentials does not start.</summary>
public sealed class LocalModeTests
{
    [Fact]
    public async Task On_loopback_without_credentials_every_request_is_the_local_radiologist_and_a_warning_says_so()
    {
        await using var host = await SecurityHost.StartAsync(new Dictionary<string, string?>(), loopbackOnly: true);

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", remoteAddress: "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/studies", remoteAddress: "::1")).StatusCode);
        using var me = JsonDocument.Parse(await (await host.GetAsync("/auth/me")).Content.ReadAsStringAsync());
        Assert.Equal("local", me.RootElement.GetProperty("name").GetString());
        Assert.Equal(ImagingRoles.Radiologist, me.RootElement.GetProperty("roles")[0].GetString());
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("local mode", StringComparison.Ordinal));
        var entry = (await host.AuditEntriesAsync(3))[^1];
        Assert.Equal(("local", ImagingRoles.Radiologist, ImagingAuthSchemes.Local), (entry.UserName, entry.Role, entry.AuthMethod));
    }

    [Fact]
    public async Task The_local_role_is_configurable()
    {
        await using var host = await SecurityHost.StartAsync(new Dictionary<string, string?> { ["Auth:LocalRole"] = ImagingRoles.Researcher }, loopbackOnly: true);

        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/research/probe")).StatusCode);
    }

    [Fact]
    public async Task A_non_loopback_client_is_refused_even_in_local_mode()
    {
        await using var host = await SecurityHost.StartAsync(new Dictionary<string, string?>(), loopbackOnly: true);

        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies", remoteAddress: "192.0.2.10"), HttpStatusCode.Unauthorized, "loopback clients only");
    }

    [Fact]
    public void A_non_loopback_bind_without_any_credential_refuses_to_start()
    {
        var error = Assert.Throws<SecurityConfigurationException>(() => SecurityBuilder.Add(new Dictionary<string, string?>(), loopbackOnly: false));

        Assert.Contains("non-loopback", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Configured_credentials_turn_local_mode_off_even_on_loopback()
    {
        using var folder = new KeyFolder();
        await using var host = await SecurityHost.StartAsync(SecurityHost.Settings(folder.Path, out _), loopbackOnly: true);

        await ProblemAssert.RefusedAsync(await host.GetAsync("/api/studies"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void An_unknown_local_role_stops_the_start() =>
        Assert.Contains("LocalRole", Assert.Throws<SecurityConfigurationException>(() =>
            SecurityBuilder.Add(new Dictionary<string, string?> { ["Auth:LocalRole"] = "superuser" }, loopbackOnly: true)).Message, StringComparison.Ordinal);
}
