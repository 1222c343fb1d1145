using System.Net;
using System.Text.Json;
using Imaging.Api.Security;
using Imaging.Storage;

namespace Imaging.Api.Tests.Security;

/// <summary>The audit trail: every access to patient data, allowed or refused, with who, what and how it ended.</summary>
public sealed class AuditTrailTests : IAsyncLifetime, IDisposable
{
    private readonly KeyFolder _folder = new();
    private SecurityHost _host = null!;
    private Dictionary<string, string> _keys = null!;

    public async Task InitializeAsync() => _host = await SecurityHost.StartAsync(SecurityHost.Settings(_folder.Path, out _keys));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Allowed_refused_and_unauthenticated_accesses_are_all_recorded()
    {
        await _host.GetAsync("/api/studies?patientId=P7", apiKey: _keys[ImagingRoles.Radiologist], remoteAddress: "192.0.2.5");
        await _host.GetAsync("/api/studies", apiKey: _keys[ImagingRoles.Researcher]);
        await _host.GetAsync("/api/studies", apiKey: "not-a-key-of-ours-at-all");
        await _host.GetAsync("/api/studies");

        var entries = await _host.AuditEntriesAsync(4);

        Assert.Equal(4, entries.Count);
        var (missing, wrong, researcher, radiologist) = (entries[0], entries[1], entries[2], entries[3]);
        Assert.Equal(("radiologist-key", ImagingRoles.Radiologist, ImagingAuthSchemes.ApiKey, 200), (radiologist.UserName, radiologist.Role, radiologist.AuthMethod, radiologist.StatusCode));
        Assert.Equal("192.0.2.5", radiologist.RemoteAddress);
        Assert.Equal(("GET", "/api/studies?patientId=P7", "P7"), (radiologist.Method, radiologist.Target, radiologist.PatientId));
        Assert.True(radiologist.Duration > TimeSpan.Zero);
        Assert.Equal(("researcher-key", 403), (researcher.UserName, researcher.StatusCode));
        Assert.Equal((null, null, ImagingAuthSchemes.ApiKey, 401), (wrong.UserName, wrong.Role, wrong.AuthMethod, wrong.StatusCode));
        Assert.Equal((null, 401), (missing.UserName, missing.StatusCode));
    }

    [Fact]
    public async Task Route_values_name_the_study_series_instance_and_patient()
    {
        await _host.GetAsync("/dicomweb/studies/1.2.840.1/series/1.2.840.1.2/instances/1.2.840.1.2.3", apiKey: _keys[ImagingRoles.Radiologist]);
        await _host.GetAsync("/api/patients/PAT-9/timeline", apiKey: _keys[ImagingRoles.Admin]);
        await _host.GetAsync("/api/series/1.2.5/findings", apiKey: _keys[ImagingRoles.Radiologist]);

        var entries = await _host.AuditEntriesAsync(3);

        var series = entries[0];
        Assert.Equal(("1.2.5", 404), (series.SeriesInstanceUid, series.StatusCode));
        Assert.Equal("PAT-9", entries[1].PatientId);
        var instance = entries[2];
        Assert.Equal(("1.2.840.1", "1.2.840.1.2", "1.2.840.1.2.3"), (instance.StudyInstanceUid, instance.SeriesInstanceUid, instance.SopInstanceUid));
    }

    [Fact]
    public async Task Secrets_in_the_query_string_are_masked_in_the_target()
    {
        await _host.GetAsync("/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4?access_token=SECRET123&api_key=SECRET456&PatientID=P1",
            apiKey: _keys[ImagingRoles.Radiologist]);

        var entry = Assert.Single(await _host.AuditEntriesAsync(1));

        Assert.DoesNotContain("SECRET", entry.Target, StringComparison.Ordinal);
        Assert.Contains("access_token=***", entry.Target, StringComparison.Ordinal);
        Assert.Equal("P1", entry.PatientId);
    }

    [Fact]
    public async Task Research_health_and_who_am_i_are_not_patient_accesses()
    {
        await _host.GetAsync("/api/research/probe", apiKey: _keys[ImagingRoles.Researcher]);
        await _host.GetAsync("/health");
        await _host.GetAsync("/auth/me", apiKey: _keys[ImagingRoles.Researcher]);
        await _host.GetAsync("/api/studies", apiKey: _keys[ImagingRoles.Radiologist]);

        var entry = Assert.Single(await _host.AuditEntriesAsync(1));
        Assert.Equal("/api/studies", entry.Target);
    }

    [Fact]
    public async Task Every_access_gives_one_structured_log_line()
    {
        await _host.GetAsync("/api/studies/1.2.3", apiKey: _keys[ImagingRoles.Radiologist]);

        await _host.AuditEntriesAsync(1);
        var line = Assert.Single(_host.Logs.Lines, l => l.Contains("Imaging.Audit", StringComparison.Ordinal));
        Assert.Contains("User=radiologist-key", line, StringComparison.Ordinal);
        Assert.Contains("StudyInstanceUid=1.2.3", line, StringComparison.Ordinal);
        Assert.Contains("StatusCode=404", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_is_queryable_by_admins_only_with_filters()
    {
        await _host.GetAsync("/api/patients/P1/timeline", apiKey: _keys[ImagingRoles.Radiologist]);
        await _host.GetAsync("/api/patients/P2/timeline", apiKey: _keys[ImagingRoles.Radiologist]);
        await _host.GetAsync("/api/patients/P1/timeline", apiKey: _keys[ImagingRoles.Admin]);
        await _host.AuditEntriesAsync(3);

        await ProblemAssert.RefusedAsync(await _host.GetAsync("/api/audit", apiKey: _keys[ImagingRoles.Radiologist]), HttpStatusCode.Forbidden);
        var response = await _host.GetAsync("/api/audit?patientId=P1&user=radiologist-key&limit=10", apiKey: _keys[ImagingRoles.Admin]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var item = Assert.Single(body.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("/api/patients/P1/timeline", item.GetProperty("target").GetString());
        Assert.Equal(10, body.RootElement.GetProperty("limit").GetInt32());
        // The refused query and this one are accesses too.
        var all = await _host.AuditEntriesAsync(5);
        Assert.Equal(("/api/audit?patientId=P1&user=radiologist-key&limit=10", 200), (all[0].Target, all[0].StatusCode));
        Assert.Equal(403, all[1].StatusCode);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-11-28T08:00:00", "from")]
    [InlineData("from=2026-11-29&to=2026-11-28", "from")]
    [InlineData("user=a&user=b", "user")]
    public async Task Bad_audit_query_parameters_are_400_naming_them(string query, string parameter)
    {
        var response = await _host.GetAsync($"/api/audit?{query}", apiKey: _keys[ImagingRoles.Admin]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task Time_filters_take_instants_with_offsets_and_dates()
    {
        await _host.GetAsync("/api/studies", apiKey: _keys[ImagingRoles.Radiologist]);
        await _host.AuditEntriesAsync(1);
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var none = await _host.GetAsync($"/api/audit?from={tomorrow}", apiKey: _keys[ImagingRoles.Admin]);
        var some = await _host.GetAsync($"/api/audit?to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("o"))}", apiKey: _keys[ImagingRoles.Admin]);

        using var noneBody = JsonDocument.Parse(await none.Content.ReadAsStringAsync());
        Assert.Empty(noneBody.RootElement.GetProperty("items").EnumerateArray());
        using var someBody = JsonDocument.Parse(await some.Content.ReadAsStringAsync());
        Assert.NotEmpty(someBody.RootElement.GetProperty("items").EnumerateArray());
    }
}
