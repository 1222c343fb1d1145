using System.Text.Json;
using Imaging.Phantoms;
using Imaging.Phantoms.Truth;
using Xunit.Abstractions;

namespace Imaging.Worker.Tests.BoneScan;

/// <summary>The worker compares a patient's bone scan with the prior one it analysed before: real SQLite index and
/// findings store, phantom studies, the analyzer as <see cref="WorkerServiceCollectionExtensions.AddImagingWorker"/>
/// registers it.</summary>
public sealed class BoneScanPriorComparisonTests(ITestOutputHelper output)
{
    /// <summary>Default lesions (T10, L3, right 7th rib, left iliac wing, skull, left femur); the follow-up loses the rib
    /// lesion, gains two, the skull lesion moves 10 mm and the iliac one brightens; the patient lies shifted and scaled.</summary>
    private static (BoneScanStudy Baseline, BoneScanStudy FollowUp) Pair(long seed, string? patientId = null, int daysLater = 120)
    {
        var baseline = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = seed, PatientId = patientId });
        var followUp = BoneScanPhantom.FollowUp(baseline, new FollowUpChanges
        {
            Removed = ["L3"],
            Added = [new PhantomLesion("N1", LesionPlacement.AtSite("T5"), 20, 3), new PhantomLesion("N2", LesionPlacement.AtSite("right-femur", 0, -60), 20, 3)],
            Shifted = new Dictionary<string, (double, double)> { ["L5"] = (6, 8) },
            NewContrast = new Dictionary<string, double> { ["L4"] = 4 },
            DaysLater = daysLater,
        });
        return (baseline, followUp);
    }

    [Fact]
    public async Task The_second_scan_of_a_patient_is_stored_with_its_comparison_to_the_first()
    {
        await using var worker = await SqliteWorker.StartAsync();
        var (baseline, followUp) = Pair(41);

        var first = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync(baseline)).RootElement;
        var second = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync(followUp)).RootElement;

        Assert.Equal(JsonValueKind.Null, first.GetProperty("comparison").ValueKind);
        var comparison = second.GetProperty("comparison");
        Assert.Equal(baseline.GroundTruth.StudyInstanceUid, comparison.GetProperty("priorStudyInstanceUid").GetString());
        Assert.Equal(120, comparison.GetProperty("intervalDays").GetInt32());
        AssertTruthClassification(first, second, baseline.GroundTruth, followUp.GroundTruth);
        Assert.False(comparison.TryGetProperty("therapy", out _));
    }

    [Fact]
    public async Task A_samarium_scan_between_prior_and_current_gives_the_therapy_date_and_the_flare_note()
    {
        await using var worker = await SqliteWorker.StartAsync();
        var (baseline, followUp) = Pair(42, daysLater: 100);
        var therapy = BoneScanPhantom.Generate(baseline.Options with
        {
            Tracer = PhantomTracer.Sm153Lexidronam,
            Seed = 4242,
            UidSalt = "sm153-42",
            PatientName = baseline.GroundTruth.PatientName,
            PatientId = baseline.GroundTruth.PatientId,
            AcquisitionDateTime = baseline.Options.AcquisitionDateTime.AddDays(30),
        });

        await worker.IngestAndAnalyzeAsync(baseline);
        var recorded = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync(therapy)).RootElement;
        var second = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync(followUp)).RootElement;

        Assert.Equal("not-counted", recorded.GetProperty("status").GetString());
        var comparison = second.GetProperty("comparison");
        Assert.Equal(baseline.GroundTruth.StudyInstanceUid, comparison.GetProperty("priorStudyInstanceUid").GetString());
        var note = comparison.GetProperty("therapy");
        Assert.Equal(DateOnly.FromDateTime(therapy.Options.AcquisitionDateTime).ToString("yyyy-MM-dd"), note.GetProperty("date").GetString());
        Assert.Equal("inferred", note.GetProperty("source").GetString());
        Assert.Equal(70, note.GetProperty("daysAfterTherapy").GetInt32());
        Assert.True(note.GetProperty("flare").GetBoolean());
        Assert.Contains(comparison.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("flare", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_prior_scan_of_another_patient_is_never_used()
    {
        await using var worker = await SqliteWorker.StartAsync();
        var (baseline, _) = Pair(43, patientId: "OTHER-PATIENT");
        var (_, followUp) = Pair(43, patientId: "THIS-PATIENT");

        await worker.IngestAndAnalyzeAsync(baseline);
        var second = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync(followUp)).RootElement;

        Assert.NotEqual(baseline.GroundTruth.PatientId, followUp.GroundTruth.PatientId);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("comparison").ValueKind);
    }

    /// <summary>Every truth lesion the analyzer found is classified as the truth says, with the right prior, and keeps its
    /// tracking UID; each class occurs. (Detections that are no truth lesion are the detector's business, not the
    /// comparison's.)</summary>
    private void AssertTruthClassification(JsonElement prior, JsonElement current, BoneScanGroundTruth baselineTruth, BoneScanGroundTruth truth)
    {
        var priorIds = Detected(prior, baselineTruth);
        var currentIds = Detected(current, truth);
        var rows = current.GetProperty("comparison").GetProperty("lesions").EnumerateArray().ToList();
        foreach (var row in rows)
            output.WriteLine($"{row.GetProperty("status").GetString()} {Text(row, "id")} <- {Text(row, "priorId")} {Text(row, "distanceMm")} mm");
        var seen = new HashSet<string>();
        foreach (var lesion in truth.Lesions)
        {
            if (!currentIds.TryGetValue(lesion.Id, out var detectedId)) continue;
            var row = rows.Single(r => Text(r, "id") == detectedId);
            var status = row.GetProperty("status").GetString()!;
            if (lesion.Status == "persistent" && !priorIds.ContainsKey(lesion.BaselineId!)) continue;
            Assert.Equal(lesion.Status, status);
            seen.Add(status);
            if (status == "persistent")
            {
                Assert.Equal(priorIds[lesion.BaselineId!], Text(row, "priorId"));
                var priorUid = prior.GetProperty("lesions").EnumerateArray().Single(l => Text(l, "id") == priorIds[lesion.BaselineId!]).GetProperty("trackingUid").GetString();
                Assert.Equal(priorUid, row.GetProperty("trackingUid").GetString());
            }
        }
        foreach (var resolved in truth.Comparison!.Resolved)
        {
            if (!priorIds.TryGetValue(resolved.Id, out var priorId)) continue;
            Assert.Equal("resolved", rows.Single(r => Text(r, "priorId") == priorId).GetProperty("status").GetString());
            seen.Add("resolved");
        }
        Assert.Equal(["new", "persistent", "resolved"], seen.Order());
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ToString() : null;

    /// <summary>Truth lesion id → detected lesion id, nearest first within 15 mm.</summary>
    private static Dictionary<string, string> Detected(JsonElement findings, BoneScanGroundTruth truth)
    {
        var detected = findings.GetProperty("lesions").EnumerateArray()
            .Select(l => (Id: l.GetProperty("id").GetString()!, X: l.GetProperty("x").GetInt32(), Y: l.GetProperty("y").GetInt32())).ToList();
        var pairs = from d in detected
                    from t in truth.Lesions
                    let distance = Math.Sqrt((d.X - t.X) * (d.X - t.X) + (d.Y - t.Y) * (d.Y - t.Y)) * truth.PixelSpacingMm
                    where distance <= 15
                    orderby distance
                    select (d.Id, TruthId: t.Id);
        var result = new Dictionary<string, string>();
        var used = new HashSet<string>();
        foreach (var (id, truthId) in pairs)
        {
            if (result.ContainsKey(truthId) || used.Contains(id)) continue;
            result[truthId] = id;
            used.Add(id);
        }
        return result;
    }
}
