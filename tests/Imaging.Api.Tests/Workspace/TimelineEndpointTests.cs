using System.Net;
using System.Text.Json;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;

namespace Imaging.Api.Tests.Workspace;

/// <summary><c>GET /api/patients/{patientId}/timeline</c>: studies oldest first with per-analyzer findings summaries.</summary>
public sealed class TimelineEndpointTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkspaceHost.StartAsync();

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Studies_come_oldest_first_with_bone_scan_and_spine_summaries()
    {
        // Recorded newest first: the order must come from the study dates and times, not from arrival.
        await WorkspaceSeed.StudyAsync(_host.Store, "P1", "DOE^JOHN", "19520310", "1.3", "20250101", "1.3.1", time: "090000");
        await WorkspaceSeed.StudyAsync(_host.Store, "P1", "DOE^JOHN", "19520310", "1.3", "20250101", "1.3.2", modality: "CT", seriesDescription: "Spine");
        await WorkspaceSeed.StudyAsync(_host.Store, "P1", "DOE^JOHN", "19520310", "1.2", "20240101", "1.2.1", time: "120000");
        await WorkspaceSeed.StudyAsync(_host.Store, "P1", "DOE^JOHN", "19520310", "1.1", "20240101", "1.1.1", time: "080000");
        var baseline = WorkspaceSeed.BoneScan("1.2", "1.2.1", new DateOnly(2024, 1, 1), (SkeletalRegion.Ribs, 40, 100, 3.0));
        var followup = BoneScanComparer.Compare(baseline, WorkspaceSeed.BoneScan("1.3", "1.3.1", new DateOnly(2025, 1, 1),
            (SkeletalRegion.Ribs, 41, 101, 3.2), (SkeletalRegion.Pelvis, 60, 300, 2.5)));
        await WorkspaceSeed.SaveAsync(_host.Store, baseline);
        await WorkspaceSeed.SaveAsync(_host.Store, followup);
        await WorkspaceSeed.SaveAsync(_host.Store, WorkspaceSeed.Spine("1.3", "1.3.2", new DateOnly(2025, 1, 1), ("T5", 14, 2), ("T6", 25, 0)));

        using var response = await _host.Client.GetAsync("/api/patients/P1/timeline");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal(3, root.GetProperty("patient").GetProperty("studyCount").GetInt32());
        var studies = root.GetProperty("studies").EnumerateArray().ToList();
        Assert.Equal(["1.1", "1.2", "1.3"], studies.Select(s => s.GetProperty("studyInstanceUid").GetString()));
        Assert.Equal(["CT", "NM"], studies[2].GetProperty("modalities").EnumerateArray().Select(m => m.GetString()));
        var first = studies[1].GetProperty("series")[0].GetProperty("findings")[0].GetProperty("summary");
        Assert.Equal(1, first.GetProperty("lesionCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("newCount").ValueKind);
        var series = studies[2].GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("seriesInstanceUid").GetString()!);
        var bone = series["1.3.1"].GetProperty("findings")[0];
        Assert.Equal(("bone-scan", "analysed", 2, 1, 1, 0), (bone.GetProperty("analyzer").GetString(), bone.GetProperty("summary").GetProperty("status").GetString(),
            bone.GetProperty("summary").GetProperty("lesionCount").GetInt32(), bone.GetProperty("summary").GetProperty("newCount").GetInt32(),
            bone.GetProperty("summary").GetProperty("persistentCount").GetInt32(), bone.GetProperty("summary").GetProperty("resolvedCount").GetInt32()));
        var spine = series["1.3.2"].GetProperty("findings")[0].GetProperty("summary");
        Assert.Equal(["T5"], spine.GetProperty("flaggedLevels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(("high", "CT"), (spine.GetProperty("labelConfidence").GetString(), spine.GetProperty("modality").GetString()));
        Assert.Equal(JsonValueKind.Array, studies[0].GetProperty("series")[0].GetProperty("findings").ValueKind);
    }

    [Fact]
    public async Task An_unknown_patient_is_a_404_problem()
    {
        using var response = await _host.Client.GetAsync("/api/patients/NOBODY/timeline");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
