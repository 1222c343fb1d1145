using System.Net;
using System.Text.Json;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;

namespace Imaging.Api.Tests.Workspace;

/// <summary><c>GET /api/findings/search</c> and its de-identified twin <c>GET /api/research/findings</c>.</summary>
public sealed class FindingSearchEndpointTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Key = new() { ["Research:PseudonymKey"] = "a-test-key-of-enough-length" };

    private WorkspaceHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync(Key);
        await SeedAsync(_host);
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private static async Task SeedAsync(WorkspaceHost host)
    {
        var store = host.Store;
        await WorkspaceSeed.StudyAsync(store, "PID-7731", "ZYXWV^QUENTIN", "19520310", "1.2.826.0.1.1", "20240105", "1.2.826.0.1.1.1");
        await WorkspaceSeed.StudyAsync(store, "PID-7731", "ZYXWV^QUENTIN", "19520310", "1.2.826.0.1.2", "20240415", "1.2.826.0.1.2.1");
        await WorkspaceSeed.StudyAsync(store, "PID-7731", "ZYXWV^QUENTIN", "19520310", "1.2.826.0.1.2", "20240415", "1.2.826.0.1.2.2", modality: "CT");
        var b = WorkspaceSeed.BoneScan("1.2.826.0.1.1", "1.2.826.0.1.1.1", new DateOnly(2024, 1, 5), (SkeletalRegion.Ribs, 40, 100, 3.0));
        var f = BoneScanComparer.Compare(b, WorkspaceSeed.BoneScan("1.2.826.0.1.2", "1.2.826.0.1.2.1", new DateOnly(2024, 4, 15),
            (SkeletalRegion.Ribs, 40, 100, 3.0), (SkeletalRegion.Pelvis, 70, 300, 2.0), (SkeletalRegion.Skull, 50, 20, 2.0)));
        await WorkspaceSeed.SaveAsync(store, b);
        await WorkspaceSeed.SaveAsync(store, f);
        await WorkspaceSeed.SaveAsync(store, WorkspaceSeed.Spine("1.2.826.0.1.2", "1.2.826.0.1.2.2", new DateOnly(2024, 4, 15), ("T5", 14, 2), ("T6", 25, 0)));
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    [Fact]
    public async Task Findings_are_found_by_lesion_count_level_new_lesions_and_modality()
    {
        static string[] Series(JsonElement root) => [.. root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("seriesInstanceUid").GetString()!)];

        Assert.Equal(["1.2.826.0.1.2.1"], Series(await GetAsync(_host.Client, "/api/findings/search?analyzer=bone-scan&minLesionCount=2")));
        Assert.Equal(["1.2.826.0.1.1.1"], Series(await GetAsync(_host.Client, "/api/findings/search?analyzer=bone-scan&maxLesionCount=1")));
        Assert.Equal(["1.2.826.0.1.2.1"], Series(await GetAsync(_host.Client, "/api/findings/search?newLesionsSince=true")));
        Assert.Equal(["1.2.826.0.1.2.2"], Series(await GetAsync(_host.Client, "/api/findings/search?level=t5")));
        Assert.Equal(["1.2.826.0.1.2.2"], Series(await GetAsync(_host.Client, "/api/findings/search?modality=CT")));
        Assert.Equal(["1.2.826.0.1.1.1"], Series(await GetAsync(_host.Client, "/api/findings/search?to=2024-01-31")));
        var page = await GetAsync(_host.Client, "/api/findings/search?limit=1&offset=0");
        Assert.Equal((1, 0, 3), (page.GetProperty("limit").GetInt32(), page.GetProperty("offset").GetInt32(), page.GetProperty("total").GetInt32()));
        var row = (await GetAsync(_host.Client, "/api/findings/search?newLesionsSince=true")).GetProperty("items")[0];
        Assert.Equal(("PID-7731", "ZYXWV^QUENTIN", "20240415", 3, 2), (row.GetProperty("patientId").GetString(), row.GetProperty("patientName").GetString(),
            row.GetProperty("studyDate").GetString(), row.GetProperty("lesionCount").GetInt32(), row.GetProperty("newCount").GetInt32()));
    }

    [Theory]
    [InlineData("?minLesionCount=x", "minLesionCount")]
    [InlineData("?minLesionCount=5&maxLesionCount=2", "minLesionCount")]
    [InlineData("?level=Q9", "level")]
    [InlineData("?analyzer=Bone%20Scan", "analyzer")]
    [InlineData("?newLesionsSince=perhaps", "newLesionsSince")]
    [InlineData("?from=2024-02-30", "from")]
    [InlineData("?limit=1000", "limit")]
    public async Task A_bad_filter_is_a_400_problem_naming_it(string query, string parameter)
    {
        using var search = await _host.Client.GetAsync("/api/findings/search" + query);
        using var research = await _host.Client.GetAsync("/api/research/findings" + query);

        await ProblemAssert.IsProblemAsync(search, HttpStatusCode.BadRequest, parameter);
        await ProblemAssert.IsProblemAsync(research, HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task Research_rows_hold_no_names_ids_uids_or_dates_only_keyed_pseudonyms_and_day_offsets()
    {
        using var response = await _host.Client.GetAsync("/api/research/findings");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var identifying in (string[])["PID-7731", "7731", "ZYXWV", "QUENTIN", "1.2.826", "2024", "19520310", "1952"])
            Assert.DoesNotContain(identifying, text, StringComparison.OrdinalIgnoreCase);
        using var body = JsonDocument.Parse(text);
        var rows = body.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Single(rows.Select(r => r.GetProperty("pseudonym").GetString()).Distinct());
        Assert.StartsWith("P-", rows[0].GetProperty("pseudonym").GetString());
        Assert.Equal(2, rows.Select(r => r.GetProperty("studyPseudonym").GetString()).Distinct().Count());
        Assert.Equal([0, 101, 101], rows.Select(r => r.GetProperty("daysFromFirstStudy").GetInt32()).Order());
        Assert.Equal(["pseudonym", "studyPseudonym", "daysFromFirstStudy", "analyzer", "lesionCount", "newCount", "flaggedLevels"],
            rows[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Without_a_configured_key_one_is_created_once_with_mode_0600_and_pseudonyms_stay_stable()
    {
        await using var first = await WorkspaceHost.StartAsync();
        await SeedAsync(first);
        var before = (await GetAsync(first.Client, "/api/research/findings")).GetProperty("items")[0].GetProperty("pseudonym").GetString();
        var keyFile = Path.Combine(first.DataFolder, "research-pseudonym.key");
        var key = await File.ReadAllBytesAsync(keyFile);
        var configured = (await GetAsync(_host.Client, "/api/research/findings")).GetProperty("items")[0].GetProperty("pseudonym").GetString();

        Assert.Equal(32, key.Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.NotEqual(configured, before);
        Assert.Equal(before, (await GetAsync(first.Client, "/api/research/findings")).GetProperty("items")[0].GetProperty("pseudonym").GetString());
    }
}
