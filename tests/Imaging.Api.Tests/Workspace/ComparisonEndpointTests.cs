using System.Net;
using System.Text.Json;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;
using Imaging.Analysis.Spine.Comparison;

namespace Imaging.Api.Tests.Workspace;

/// <summary><c>GET /api/patients/{patientId}/comparison</c>: stored comparisons are used as they are, others are computed
/// by the analyzers' comparers with the same counts; the spine levels table and key images; 404 and 400 problems.</summary>
public sealed class ComparisonEndpointTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private BoneScanFindings _b0 = null!, _b1 = null!, _f1 = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        var store = _host.Store;
        await WorkspaceSeed.StudyAsync(store, "P1", "DOE^JOHN", "19520310", "1.0", "20230101", "1.0.1");
        await WorkspaceSeed.StudyAsync(store, "P1", "DOE^JOHN", "19520310", "1.1", "20240101", "1.1.1");
        await WorkspaceSeed.StudyAsync(store, "P1", "DOE^JOHN", "19520310", "1.1", "20240101", "1.1.2", modality: "CT", seriesDescription: "Spine");
        await WorkspaceSeed.StudyAsync(store, "P1", "DOE^JOHN", "19520310", "1.2", "20250101", "1.2.1");
        await WorkspaceSeed.StudyAsync(store, "P1", "DOE^JOHN", "19520310", "1.2", "20250101", "1.2.2", modality: "CT", seriesDescription: "Spine");
        await WorkspaceSeed.StudyAsync(store, "P1", "DOE^JOHN", "19520310", "1.2", "20250101", "1.2.9", modality: "OT",
            seriesDescription: "Spine key image", sop: "1.2.9.1", sopClass: "1.2.840.10008.5.1.4.1.1.7");
        await WorkspaceSeed.StudyAsync(store, "P2", "ROE^ANN", "19700101", "2.1", "20240101", "2.1.1");

        _b0 = WorkspaceSeed.BoneScan("1.0", "1.0.1", new DateOnly(2023, 1, 1), (SkeletalRegion.Ribs, 40, 100, 3.0), (SkeletalRegion.Skull, 50, 20, 2.0));
        _b1 = WorkspaceSeed.BoneScan("1.1", "1.1.1", new DateOnly(2024, 1, 1), (SkeletalRegion.Ribs, 40, 100, 3.0), (SkeletalRegion.Pelvis, 70, 300, 2.2),
            (SkeletalRegion.Sacrum, 64, 280, 2.0));
        _f1 = BoneScanComparer.Compare(_b1, WorkspaceSeed.BoneScan("1.2", "1.2.1", new DateOnly(2025, 1, 1), (SkeletalRegion.Ribs, 41, 101, 3.6),
            (SkeletalRegion.ThoracicSpine, 64, 150, 2.4), (SkeletalRegion.LumbarSpine, 64, 220, 2.6)));
        await WorkspaceSeed.SaveAsync(store, _b0);
        await WorkspaceSeed.SaveAsync(store, _b1);
        await WorkspaceSeed.SaveAsync(store, _f1);
        await WorkspaceSeed.SaveAsync(store, WorkspaceSeed.Spine("1.1", "1.1.2", new DateOnly(2024, 1, 1), ("T5", 25, 0), ("T6", 24, 0), ("T7", 25, 0)));
        await WorkspaceSeed.SaveAsync(store, WorkspaceSeed.Spine("1.2", "1.2.2", new DateOnly(2025, 1, 1), ("T5", 15, 2), ("T6", 24, 0), ("T7", 25, 0)));
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private async Task<JsonElement> GetAsync(string query)
    {
        using var response = await _host.Client.GetAsync("/api/patients/P1/comparison" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    private static (int New, int Persistent, int Resolved) Counts(JsonElement boneScan) =>
        (boneScan.GetProperty("newCount").GetInt32(), boneScan.GetProperty("persistentCount").GetInt32(), boneScan.GetProperty("resolvedCount").GetInt32());

    [Fact]
    public async Task By_default_the_two_latest_studies_are_compared_with_the_stored_comparison()
    {
        var root = await GetAsync("");

        Assert.Equal(("1.1", "1.2", 366), (root.GetProperty("baseline").GetProperty("studyInstanceUid").GetString(),
            root.GetProperty("followup").GetProperty("studyInstanceUid").GetString(), root.GetProperty("intervalDays").GetInt32()));
        var bone = root.GetProperty("boneScan");
        Assert.Equal("stored", bone.GetProperty("source").GetString());
        var stored = _f1.Comparison!;
        Assert.Equal((stored.NewCount, stored.PersistentCount, stored.ResolvedCount), Counts(bone));
        Assert.Equal((2, 1, 2), Counts(bone));
        Assert.Equal(stored.Progression.Note, bone.GetProperty("progression").GetString());
        var lesions = bone.GetProperty("lesions").EnumerateArray().ToList();
        Assert.Equal(2, lesions.Count(l => l.GetProperty("status").GetString() == "new" && l.GetProperty("frameOf").GetString() == "followup"));
        Assert.Equal(2, lesions.Count(l => l.GetProperty("status").GetString() == "resolved" && l.GetProperty("frameOf").GetString() == "baseline"));
        var persistent = Assert.Single(lesions, l => l.GetProperty("status").GetString() == "persistent");
        Assert.Equal(("ribs", 41, 101, 20.0), (persistent.GetProperty("region").GetString(), persistent.GetProperty("x").GetInt32(),
            persistent.GetProperty("y").GetInt32(), persistent.GetProperty("intensityChangePercent").GetDouble()));
        var regions = bone.GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("region").GetString()!);
        Assert.Equal((1, 1, 0), (regions["ribs"].GetProperty("baseline").GetInt32(), regions["ribs"].GetProperty("followup").GetInt32(),
            regions["ribs"].GetProperty("change").GetInt32()));
        Assert.Equal((3, 3, 0), (bone.GetProperty("totals").GetProperty("baseline").GetInt32(), bone.GetProperty("totals").GetProperty("followup").GetInt32(),
            bone.GetProperty("totals").GetProperty("change").GetInt32()));
        var side = bone.GetProperty("baseline");
        Assert.Equal(("1.1.1", "1.1.1.1", 1, 2, 120.0, 3), (side.GetProperty("seriesInstanceUid").GetString(), side.GetProperty("sopInstanceUid").GetString(),
            side.GetProperty("anteriorFrame").GetInt32(), side.GetProperty("posteriorFrame").GetInt32(), side.GetProperty("normalBone").GetDouble(),
            side.GetProperty("lesionCount").GetInt32()));
    }

    [Fact]
    public async Task Another_baseline_than_the_stored_one_is_computed_with_the_comparers_counts()
    {
        var root = await GetAsync("?baseline=1.0&followup=1.2");

        var bone = root.GetProperty("boneScan");
        Assert.Equal("computed", bone.GetProperty("source").GetString());
        var expected = BoneScanComparer.Compare(_b0, _f1).Comparison!;
        Assert.Equal((expected.NewCount, expected.PersistentCount, expected.ResolvedCount), Counts(bone));
        Assert.Equal((1, 1), (bone.GetProperty("extentOfDiseaseGrade").GetProperty("baseline").GetInt32(),
            bone.GetProperty("extentOfDiseaseGrade").GetProperty("followup").GetInt32()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("spine").ValueKind);
    }

    [Fact]
    public async Task The_spine_part_has_the_levels_table_changes_and_key_images()
    {
        var spine = (await GetAsync("?baseline=1.1&followup=1.2")).GetProperty("spine");

        Assert.Equal("computed", spine.GetProperty("source").GetString());
        Assert.Equal(("1.1.2", "1.2.2", "CT"), (spine.GetProperty("baseline").GetProperty("seriesInstanceUid").GetString(),
            spine.GetProperty("followup").GetProperty("seriesInstanceUid").GetString(), spine.GetProperty("followup").GetProperty("modality").GetString()));
        var levels = spine.GetProperty("levels").EnumerateArray().ToDictionary(l => l.GetProperty("level").GetString()!);
        Assert.Equal(["T5", "T6", "T7"], levels.Keys);
        var t5 = levels["T5"];
        Assert.Equal((SpineComparer.NewFracture, 0, 2, 25.0, 15.0, -9.0), (t5.GetProperty("status").GetString(),
            t5.GetProperty("baseline").GetProperty("genantGrade").GetInt32(), t5.GetProperty("followup").GetProperty("genantGrade").GetInt32(),
            t5.GetProperty("baseline").GetProperty("anteriorHeightMm").GetDouble(), t5.GetProperty("followup").GetProperty("anteriorHeightMm").GetDouble(),
            t5.GetProperty("minHeightChangeMm").GetDouble()));
        Assert.Equal(SpineComparer.Stable, levels["T6"].GetProperty("status").GetString());
        Assert.Equal(["T5"], spine.GetProperty("newFractures").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["T5"], spine.GetProperty("followupFlagged").EnumerateArray().Select(l => l.GetString()));
        Assert.Empty(spine.GetProperty("baselineFlagged").EnumerateArray());
        var key = Assert.Single(spine.GetProperty("keyImages").EnumerateArray());
        Assert.Equal(("1.2", "1.2.9", "1.2.9.1"), (key.GetProperty("studyInstanceUid").GetString(), key.GetProperty("seriesInstanceUid").GetString(),
            key.GetProperty("sopInstanceUid").GetString()));
    }

    [Theory]
    [InlineData("/api/patients/NOBODY/comparison", null)]
    [InlineData("/api/patients/P1/comparison?baseline=9.9", null)]
    [InlineData("/api/patients/P1/comparison?followup=2.1", null)]
    [InlineData("/api/patients/P2/comparison", null)]
    public async Task Unknown_patients_studies_and_nothing_to_compare_are_404_problems(string path, string? parameter)
    {
        using var response = await _host.Client.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, parameter);
    }

    [Theory]
    [InlineData("?baseline=1.2&followup=1.1", "baseline")]
    [InlineData("?baseline=1.2&followup=1.2", "baseline")]
    [InlineData("?baseline=abc", "baseline")]
    [InlineData("?followup=1..2", "followup")]
    public async Task A_baseline_not_before_the_followup_or_a_bad_uid_is_a_400_problem(string query, string parameter)
    {
        using var response = await _host.Client.GetAsync("/api/patients/P1/comparison" + query);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, parameter);
    }
}
