using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;
using Imaging.Phantoms;
using Imaging.Phantoms.Truth;
using Imaging.Pipeline.Tests.Support;

namespace Imaging.EndToEnd.Tests.Priors;

/// <summary>Issue 8 with Orthanc as the PACS: the baseline bone scan is in Orthanc only; the follow-up arrives at our SCP;
/// without any manual step the gateway finds the baseline (C-FIND), has Orthanc send it (C-MOVE), the worker analyses it and
/// analyses the follow-up again against it; and the SR, key image and KOS of the analyses reach Orthanc (results destination),
/// where dsrdump reads the follow-up's SR retrieved from it.</summary>
public sealed class PriorsFromOrthancEndToEndTests
{
    /// <summary>Quiet timeouts, the relay's poll, two analyses of the follow-up and one of the baseline on a loaded machine.</summary>
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(180);

    private const string ComprehensiveSr = "1.2.840.10008.5.1.4.1.1.88.33";
    private const string SecondaryCapture = "1.2.840.10008.5.1.4.1.1.7";
    private const string KeyObjectSelection = "1.2.840.10008.5.1.4.1.1.88.59";

    [Fact]
    public async Task Baseline_held_only_by_orthanc_is_retrieved_and_the_follow_up_is_compared_with_it_and_its_results_reach_orthanc()
    {
        using var files = new TempFolder();
        var (baseline, followUp) = Pair(7);
        var baselineFiles = await baseline.WriteAsync(Directory.CreateDirectory(files.File("baseline")).FullName);
        var followUpFiles = await followUp.WriteAsync(Directory.CreateDirectory(files.File("follow-up")).FullName);

        await using var orthanc = await OrthancPeer.StartAsync();
        var seeded = await new DicomClient(new DicomClientOptions
        {
            Host = "127.0.0.1", Port = orthanc.DicomPort, CalledAETitle = OrthancPeer.AETitle, CallingAETitle = "SEEDER",
        }).StoreAsync(baselineFiles);
        Assert.All(seeded, r => Assert.True(r.IsSuccess, $"{r.FilePath}: {r.Status:X4} {r.Error}\n{orthanc.Log}"));

        await using var deployment = await ServeProcessDeployment.StartAsync(Environment(orthanc));
        // Orthanc answers C-FIND / C-MOVE only from AEs it knows, and sends C-MOVE sub-operations to where it knows them.
        await orthanc.RegisterModalityAsync("imaging", ServeSpec.AeTitle, deployment.DicomPort);

        var sent = await Storescu.SendAsync(deployment.DicomPort, [.. followUpFiles]);
        Assert.True(sent.AllSucceeded, $"{sent}\n{deployment.Describe()}");

        // The baseline comes back from Orthanc and is analysed; the follow-up is analysed again with it as its prior.
        var baselineSeries = SeriesOf(baselineFiles[0]);
        await WaitForBoneScanAsync(deployment, orthanc, baselineSeries, _ => true);
        var payload = await WaitForBoneScanAsync(deployment, orthanc, SeriesOf(followUpFiles[0]),
            p => p.TryGetProperty("comparison", out var c) && c.ValueKind == JsonValueKind.Object
                && c.GetProperty("priorStudyInstanceUid").GetString() == baseline.GroundTruth.StudyInstanceUid);

        var truth = followUp.GroundTruth;
        var comparison = payload.GetProperty("comparison");
        var expected = (truth.Comparison!.NewCount, truth.Comparison.PersistentCount, truth.Comparison.ResolvedCount);
        var actual = (comparison.GetProperty("newCount").GetInt32(), comparison.GetProperty("persistentCount").GetInt32(),
            comparison.GetProperty("resolvedCount").GetInt32());
        Assert.True(expected == actual, $"new/persistent/resolved {actual}, truth {expected}; comparison lesions: {comparison.GetProperty("lesions")}");
        foreach (var lesion in payload.GetProperty("lesions").EnumerateArray())
        {
            var id = lesion.GetProperty("id").GetString();
            var drawn = Nearest(truth, lesion.GetProperty("x").GetInt32(), lesion.GetProperty("y").GetInt32());
            Assert.True(drawn is not null, $"lesion {id} matches no drawn lesion: {lesion}");
            var row = comparison.GetProperty("lesions").EnumerateArray().Single(r => r.TryGetProperty("id", out var rid) && rid.GetString() == id);
            Assert.Equal(drawn.Status, row.GetProperty("status").GetString());
        }

        // Results to PACS: the follow-up's SR with the comparison, its key image and KOS, in Orthanc.
        string? report = null;
        var classes = new HashSet<string>();
        await Eventually.UntilAsync(async () =>
        {
            classes.Clear();
            foreach (var (sopClass, study, path) in await OrthancInstancesAsync(orthanc, files, truth.StudyInstanceUid))
            {
                classes.Add(sopClass);
                if (sopClass != ComprehensiveSr || study != truth.StudyInstanceUid) continue;
                var dump = await ExternalTool.RunAsync("dsrdump", ["+Pc", "+Pu", "+Pl", path]);
                if (dump.ExitCode == 0 && dump.StandardError.Length == 0
                    && dump.StandardOutput.Contains($"=\"{baseline.GroundTruth.StudyInstanceUid}\"", StringComparison.Ordinal))
                    report = dump.StandardOutput;
            }
            return report is not null && classes.IsSupersetOf([ComprehensiveSr, SecondaryCapture, KeyObjectSelection]);
        }, FlowTimeout, () => $"the follow-up's SR (with its prior), key image and KOS in Orthanc; classes there: {string.Join(", ", classes)}\n{deployment.Describe()}\n{orthanc.Log}");
        Assert.Contains($"(NEW-COUNT,99IMGPIPE,\"Number of new lesions\")=\"{truth.Comparison.NewCount}\"", report, StringComparison.Ordinal);
        Assert.Contains($"(RESOLVED-COUNT,99IMGPIPE,\"Number of resolved lesions\")=\"{truth.Comparison.ResolvedCount}\"", report, StringComparison.Ordinal);
    }

    /// <summary>Priors from Orthanc (short backoff: a test must not wait half a minute for a retry) and results to it.</summary>
    private static Dictionary<string, string> Environment(OrthancPeer orthanc)
    {
        var port = orthanc.DicomPort.ToString(CultureInfo.InvariantCulture);
        return new()
        {
            ["IMAGING_GATEWAY__SERIESQUIETTIMEOUT"] = Timeouts.Quiet.ToString("c", CultureInfo.InvariantCulture),
            ["IMAGING_PRIORS__ENABLED"] = "true",
            ["IMAGING_PRIORS__INITIALBACKOFF"] = "00:00:01",
            ["IMAGING_PRIORS__MAXIMUMBACKOFF"] = "00:00:05",
            ["IMAGING_PRIORS__SOURCES__0__NAME"] = "orthanc",
            ["IMAGING_PRIORS__SOURCES__0__AETITLE"] = OrthancPeer.AETitle,
            ["IMAGING_PRIORS__SOURCES__0__HOST"] = "127.0.0.1",
            ["IMAGING_PRIORS__SOURCES__0__PORT"] = port,
            ["IMAGING_PRIORS__SOURCES__0__TIMEOUT"] = "00:00:20",
            ["IMAGING_WORKER__RESULTS__DESTINATION__AETITLE"] = OrthancPeer.AETitle,
            ["IMAGING_WORKER__RESULTS__DESTINATION__HOST"] = "127.0.0.1",
            ["IMAGING_WORKER__RESULTS__DESTINATION__PORT"] = port,
        };
    }

    /// <summary>Every instance Orthanc holds of <paramref name="studyUid"/>: its SOP class, study, and the file downloaded.</summary>
    private static async Task<List<(string SopClass, string Study, string Path)>> OrthancInstancesAsync(OrthancPeer orthanc, TempFolder files, string studyUid)
    {
        var result = new List<(string, string, string)>();
        foreach (var id in await orthanc.InstancesAsync())
        {
            var tags = await orthanc.Http.GetFromJsonAsync<Dictionary<string, JsonElement>>($"instances/{id}/simplified-tags");
            if (tags is null || !tags.TryGetValue("StudyInstanceUID", out var study) || study.GetString() != studyUid) continue;
            var sopClass = tags.TryGetValue("SOPClassUID", out var c) ? c.GetString() ?? "" : "";
            var path = files.File($"orthanc-{id}.dcm");
            if (!File.Exists(path)) await File.WriteAllBytesAsync(path, await orthanc.Http.GetByteArrayAsync($"instances/{id}/file"));
            result.Add((sopClass, studyUid, path));
        }
        return result;
    }

    /// <summary>A baseline and follow-up of one patient (7 drawn lesions, two removed, two added, two moved, patient moved).</summary>
    private static (Imaging.Phantoms.BoneScanStudy Baseline, Imaging.Phantoms.BoneScanStudy FollowUp) Pair(long seed)
    {
        var random = new Random((int)seed);
        var sampled = LesionSampler.Sample(seed, 9, fwhmMm: 20, contrast: 3, minimumSeparationMm: 60)
            .Select(l => l with { FwhmMm = Math.Round(20 + random.NextDouble() * 10, 1), Contrast = Math.Round(3 + random.NextDouble(), 2) })
            .ToList();
        var baseline = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = seed, CountsPerView = 1_500_000, Lesions = [.. sampled.Take(7)], PatientId = $"PRIORS-E2E-{seed}",
        });
        var followUp = BoneScanPhantom.FollowUp(baseline, new FollowUpChanges
        {
            Removed = ["R2", "R5"],
            Added = [.. sampled.Skip(7).Take(2)],
            Shifted = new Dictionary<string, (double, double)> { ["R3"] = (4, -6) },
            PatientShiftXPixels = 3,
            PatientShiftYPixels = -6,
            PatientScale = 1.02,
            DaysLater = 120,
        });
        return (baseline, followUp);
    }

    private static string SeriesOf(string path) => BoneScanFindingsPoll.SeriesOf(path);

    /// <summary>Waits until the series' bone-scan findings satisfy <paramref name="accept"/>; returns their payload.</summary>
    private static Task<JsonElement> WaitForBoneScanAsync(ServeProcessDeployment deployment, OrthancPeer orthanc, string seriesUid,
        Func<JsonElement, bool> accept) =>
        BoneScanFindingsPoll.WaitAsync(deployment.Api, seriesUid, FlowTimeout, () => $"{deployment.Describe()}\n{orthanc.Log}", accept);

    private static LesionTruth? Nearest(BoneScanGroundTruth truth, int x, int y) => BoneScanFindingsPoll.Nearest(truth, x, y);
}
