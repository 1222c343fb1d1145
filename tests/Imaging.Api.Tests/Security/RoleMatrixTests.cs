using System.Net;
using System.Text.Json;
using Imaging.Api.Security;

namespace Imaging.Api.Tests.Security;

/// <summary>Which role reaches which route: researchers never reach identifying data, only admins read the audit log.</summary>
public sealed class RoleMatrixTests : IAsyncLifetime, IDisposable
{
    private readonly KeyFolder _folder = new();
    private SecurityHost _host = null!;
    private Dictionary<string, string> _keys = null!;

    public async Task InitializeAsync() => _host = await SecurityHost.StartAsync(SecurityHost.Settings(_folder.Path, out _keys));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        string[] clinical = ["/api/studies", "/api/studies/1.2.3", "/api/series/1.2.3.4/findings", "/api/patients/P1/timeline",
            "/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4"];
        foreach (var route in clinical)
        {
            data.Add(ImagingRoles.Researcher, route, HttpStatusCode.Forbidden);
            // Allowed: the route's own answer (200, or 404 for an unknown UID in the empty store).
            data.Add(ImagingRoles.Radiologist, route, route.StartsWith("/api/studies/", StringComparison.Ordinal) || route.StartsWith("/api/series/", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK);
            data.Add(ImagingRoles.Admin, route, route.StartsWith("/api/studies/", StringComparison.Ordinal) || route.StartsWith("/api/series/", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK);
        }
        foreach (var role in ImagingRoles.All) data.Add(role, "/api/research/probe", HttpStatusCode.OK);
        data.Add(ImagingRoles.Researcher, "/api/audit", HttpStatusCode.Forbidden);
        data.Add(ImagingRoles.Radiologist, "/api/audit", HttpStatusCode.Forbidden);
        data.Add(ImagingRoles.Admin, "/api/audit", HttpStatusCode.OK);
        foreach (var role in ImagingRoles.All) data.Add(role, "/auth/me", HttpStatusCode.OK);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_exactly_its_routes(string role, string route, HttpStatusCode expected)
    {
        var response = await _host.GetAsync(route, apiKey: _keys[role]);

        if (expected == HttpStatusCode.Forbidden) await ProblemAssert.RefusedAsync(response, HttpStatusCode.Forbidden, $"role {role}");
        else Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_researcher_is_told_why_identifying_routes_are_closed()
    {
        var problem = await ProblemAssert.RefusedAsync(await _host.GetAsync("/api/studies", apiKey: _keys[ImagingRoles.Researcher]),
            HttpStatusCode.Forbidden, "Researchers never see identifying patient data");

        Assert.Contains("Clinical (radiologist, admin)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("insufficient_scope", (await _host.GetAsync("/api/studies", apiKey: _keys[ImagingRoles.Researcher])).Headers.WwwAuthenticate.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_am_i_tells_the_ui_what_to_show_a_researcher()
    {
        using var me = JsonDocument.Parse(await (await _host.GetAsync("/auth/me", apiKey: _keys[ImagingRoles.Researcher])).Content.ReadAsStringAsync());

        Assert.Equal("researcher-key", me.RootElement.GetProperty("name").GetString());
        Assert.False(me.RootElement.GetProperty("clinical").GetBoolean());
        Assert.True(me.RootElement.GetProperty("research").GetBoolean());
        Assert.False(me.RootElement.GetProperty("admin").GetBoolean());
        Assert.Contains("de-identified", me.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_stays_open_without_credentials()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.GetAsync("/health")).StatusCode);
        await ProblemAssert.RefusedAsync(await _host.GetAsync("/auth/me"), HttpStatusCode.Unauthorized);
    }
}
