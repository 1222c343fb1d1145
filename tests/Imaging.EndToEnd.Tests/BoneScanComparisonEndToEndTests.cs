using System.Text.Json;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Network;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;
using Imaging.Phantoms;
using Imaging.Phantoms.Truth;
using Imaging.Pipeline.Tests.Support;

namespace Imaging.EndToEnd.Tests;

/// <summary>Bone-scan follow-up end to end: `imaging serve` (embedded) receives a patient's baseline and then follow-up
/// whole-body phantom by C-STORE; the follow-up's stored findings carry the comparison with the truth's classification, and
/// the SR, key image and KOS of both reach the results destination (DCMTK storescp), where dsrdump reads the SR.</summary>
public sealed class BoneScanComparisonEndToEndTests
{
    /// <summary>Analysis of two 256 × 1024 frames is well under a second; the rest is the quiet timeout and a loaded machine.</summary>
    private static readonly TimeSpan AnalysisTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Follow_up_sent_after_the_baseline_is_stored_with_the_truths_comparison_and_its_sr_reaches_storescp()
    {
        using var files = new TempFolder();
        var (baseline, followUp) = Pair(42);
        var baselineFiles = await baseline.WriteAsync(Directory.CreateDirectory(files.File("baseline")).FullName);
        var followUpFiles = await followUp.WriteAsync(Directory.CreateDirectory(files.File("follow-up")).FullName);
        await using var destination = await StorescpPeer.StartAsync();
        await using var deployment = await StartAsync(destination);

        var sentBaseline = await Storescu.SendAsync(deployment.DicomPort, [.. baselineFiles]);
        Assert.True(sentBaseline.AllSucceeded, $"{sentBaseline}\n{deployment.Describe()}");
        // The follow-up finds its prior only once the baseline's findings are stored.
        await WaitForBoneScanFindingsAsync(deployment, SeriesOf(baselineFiles[0]));
        var sentFollowUp = await Storescu.SendAsync(deployment.DicomPort, [.. followUpFiles]);
        Assert.True(sentFollowUp.AllSucceeded, $"{sentFollowUp}\n{deployment.Describe()}");
        var payload = await WaitForBoneScanFindingsAsync(deployment, SeriesOf(followUpFiles[0]));

        var truth = followUp.GroundTruth;
        Assert.True(payload.TryGetProperty("comparison", out var comparison) && comparison.ValueKind == JsonValueKind.Object,
            $"the follow-up's findings have no comparison: {payload}");
        Assert.Equal(baseline.GroundTruth.StudyInstanceUid, comparison.GetProperty("priorStudyInstanceUid").GetString());
        Assert.Equal((truth.Comparison!.NewCount, truth.Comparison.PersistentCount, truth.Comparison.ResolvedCount),
            (comparison.GetProperty("newCount").GetInt32(), comparison.GetProperty("persistentCount").GetInt32(), comparison.GetProperty("resolvedCount").GetInt32()));
        foreach (var lesion in payload.GetProperty("lesions").EnumerateArray())
        {
            var id = lesion.GetProperty("id").GetString();
            var drawn = Nearest(truth, lesion.GetProperty("x").GetInt32(), lesion.GetProperty("y").GetInt32());
            Assert.True(drawn is not null, $"lesion {id} matches no drawn lesion: {lesion}");
            var row = comparison.GetProperty("lesions").EnumerateArray().Single(r => r.TryGetProperty("id", out var rid) && rid.GetString() == id);
            Assert.Equal(drawn.Status, row.GetProperty("status").GetString());
        }

        // Three objects per analysed series: SR, key image, KOS of the baseline and of the follow-up.
        await Eventually.UntilAsync(() => destination.ReceivedFiles().Count >= 6, AnalysisTimeout,
            () => $"6 result objects at storescp, have {destination.ReceivedFiles().Count}\n{deployment.Describe()}");
        var followUpStudy = truth.StudyInstanceUid;
        var reports = destination.ReceivedFiles().Select(f => (Path: f, File: DicomFileReader.Read(f)))
            .Where(f => f.File.Dataset.GetSingleString(DicomTag.SopClassUid) == "1.2.840.10008.5.1.4.1.1.88.33"
                && f.File.Dataset.GetSingleString(Imaging.Dicom.Dictionary.DicomTags.StudyInstanceUID) == followUpStudy).ToList();
        var report = Assert.Single(reports);
        var dump = await ExternalTool.RunAsync("dsrdump", ["+Pc", "+Pu", "+Pl", report.Path]);
        Assert.Equal(0, dump.ExitCode);
        Assert.True(dump.StandardError.Length == 0, dump.StandardError);
        Assert.Contains($"<contains UIDREF:(110180,DCM,\"Study Instance UID\")=\"{baseline.GroundTruth.StudyInstanceUid}\">", dump.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"(NEW-COUNT,99IMGPIPE,\"Number of new lesions\")=\"{truth.Comparison.NewCount}\"", dump.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"(RESOLVED-COUNT,99IMGPIPE,\"Number of resolved lesions\")=\"{truth.Comparison.ResolvedCount}\"", dump.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>The pair of seed 42 of the analysis tests' exact-through-the-detector pairs (DetectedFollowUpPairTests): 7
    /// lesions of 20–30 mm and 3–4×, two removed, two added, two shifted, two re-contrasted, the patient moved and scaled.</summary>
    private static (Imaging.Phantoms.BoneScanStudy Baseline, Imaging.Phantoms.BoneScanStudy FollowUp) Pair(long seed)
    {
        var random = new Random((int)seed);
        var sampled = LesionSampler.Sample(seed, 10, fwhmMm: 20, contrast: 3, minimumSeparationMm: 60)
            .Select(l => l with { FwhmMm = Math.Round(20 + random.NextDouble() * 10, 1), Contrast = Math.Round(3 + random.NextDouble(), 2) })
            .ToList();
        var baseline = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = seed, CountsPerView = 1_500_000, Lesions = [.. sampled.Take(7)], PatientId = $"BS-E2E-{seed}",
        });
        double Shift() => (random.NextDouble() * 2 - 1) * 10;
        var followUp = BoneScanPhantom.FollowUp(baseline, new FollowUpChanges
        {
            Removed = seed % 2 == 0 ? ["R1", "R4"] : ["R2"],
            Added = [.. sampled.Skip(7).Take(seed % 2 == 0 ? 2 : 3)],
            Shifted = new Dictionary<string, (double, double)> { ["R3"] = (Shift(), Shift()), ["R5"] = (Shift(), Shift()) },
            NewContrast = new Dictionary<string, double> { ["R6"] = 4, ["R7"] = 3 },
            PatientShiftXPixels = random.Next(-5, 6),
            PatientShiftYPixels = random.Next(-10, 11),
            PatientScale = 0.97 + random.NextDouble() * 0.06,
            DaysLater = 90 + random.Next(0, 60),
        });
        return (baseline, followUp);
    }

    private static async Task<ServeProcessDeployment> StartAsync(StorescpPeer destination)
    {
        var environment = new Dictionary<string, string>(DestinationEnvironment(destination))
        {
            ["IMAGING_GATEWAY__SERIESQUIETTIMEOUT"] = Timeouts.Quiet.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        return await ServeProcessDeployment.StartAsync(environment);
    }

    /// <summary>The worker's configuration pointing <c>Worker:Results:Destination</c> at <paramref name="destination"/>.</summary>
    private static Dictionary<string, string> DestinationEnvironment(StorescpPeer destination) => new()
    {
        ["IMAGING_WORKER__RESULTS__DESTINATION__AETITLE"] = StorescpPeer.AETitle,
        ["IMAGING_WORKER__RESULTS__DESTINATION__HOST"] = "127.0.0.1",
        ["IMAGING_WORKER__RESULTS__DESTINATION__PORT"] = destination.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string SeriesOf(string path) => BoneScanFindingsPoll.SeriesOf(path);

    private static Task<JsonElement> WaitForBoneScanFindingsAsync(ServeProcessDeployment deployment, string seriesUid) =>
        BoneScanFindingsPoll.WaitAsync(deployment.Api, seriesUid, AnalysisTimeout, deployment.Describe);

    private static LesionTruth? Nearest(BoneScanGroundTruth truth, int x, int y) => BoneScanFindingsPoll.Nearest(truth, x, y);
}
