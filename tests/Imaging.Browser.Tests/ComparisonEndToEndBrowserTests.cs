using System.Globalization;
using System.Text.Json;
using Imaging.Browser.Tests.Support;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;
using Imaging.Phantoms;
using Imaging.Pipeline.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Imaging.Browser.Tests;

/// <summary>The browser test: a whole `imaging serve` deployment (every role, SQLite, in-memory bus) receives a
/// patient's baseline and follow-up bone-scan phantoms through its SCP; once the follow-up's findings carry the comparison,
/// headless Chromium opens the UI, searches the patient, opens the comparison and checks that the counts shown equal the
/// stored findings (read through /api/series/{uid}/findings), then saves a screenshot under TestResults/browser/.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ComparisonEndToEndBrowserTests(Chromium chromium, ITestOutputHelper output)
{
    /// <summary>Analysis of two 256 × 1024 frames is well under a second; the rest is the quiet timeout and a loaded machine.</summary>
    private static readonly TimeSpan AnalysisTimeout = TimeSpan.FromSeconds(120);

    private const string PatientId = "BR-E2E-42";
    private const string PatientName = "BROWSER^TEST^E2E";

    [Fact]
    public async Task Ui_comparison_of_a_patient_seeded_through_the_scp_shows_the_stored_counts()
    {
        using var files = new TempFolder();
        var (baseline, followUp) = Pair(42);
        var baselineFiles = await baseline.WriteAsync(Directory.CreateDirectory(files.File("baseline")).FullName);
        var followUpFiles = await followUp.WriteAsync(Directory.CreateDirectory(files.File("follow-up")).FullName);
        await using var deployment = await ServeProcessDeployment.StartAsync(new Dictionary<string, string>
        {
            ["IMAGING_GATEWAY__SERIESQUIETTIMEOUT"] = Timeouts.Quiet.ToString("c", CultureInfo.InvariantCulture),
        });

        var sentBaseline = await Storescu.SendAsync(deployment.DicomPort, [.. baselineFiles]);
        Assert.True(sentBaseline.AllSucceeded, $"{sentBaseline}\n{deployment.Describe()}");
        // The follow-up finds its prior only once the baseline's findings are stored.
        await WaitForBoneScanFindingsAsync(deployment, SeriesOf(baselineFiles[0]), withComparison: false);
        var sentFollowUp = await Storescu.SendAsync(deployment.DicomPort, [.. followUpFiles]);
        Assert.True(sentFollowUp.AllSucceeded, $"{sentFollowUp}\n{deployment.Describe()}");
        var stored = await WaitForBoneScanFindingsAsync(deployment, SeriesOf(followUpFiles[0]), withComparison: true);
        var comparison = stored.GetProperty("comparison");

        var console = new List<string>();
        var page = await chromium.NewPageAsync(console);
        try
        {
            await page.GotoAsync(deployment.BaseAddress.ToString());
            await page.GetByTestId("search-input").FillAsync("browser te");
            await page.GetByTestId("search-button").ClickAsync();
            var row = page.GetByTestId("patient-row").Filter(new LocatorFilterOptions { Has = page.GetByText(PatientId, new PageGetByTextOptions { Exact = true }) });
            await Expect(row).ToHaveCountAsync(1);
            await row.GetByTestId("patient-link").ClickAsync();
            await Expect(page.GetByTestId("timeline-study")).ToHaveCountAsync(2);
            await page.GetByTestId("open-comparison").ClickAsync();

            await Expect(page.GetByTestId("count-new")).ToHaveTextAsync(Int(comparison, "newCount"));
            await Expect(page.GetByTestId("count-persistent")).ToHaveTextAsync(Int(comparison, "persistentCount"));
            await Expect(page.GetByTestId("count-resolved")).ToHaveTextAsync(Int(comparison, "resolvedCount"));
            await Expect(page.GetByTestId("baseline-picker")).ToHaveValueAsync(baseline.GroundTruth.StudyInstanceUid);
            await Expect(page.GetByTestId("followup-picker")).ToHaveValueAsync(followUp.GroundTruth.StudyInstanceUid);

            // Totals: the prior's and the follow-up's lesion counts.
            var prior = comparison.GetProperty("priorLesionCount").GetInt32();
            var current = comparison.GetProperty("currentLesionCount").GetInt32();
            Assert.Equal(stored.GetProperty("lesionCount").GetInt32(), current);
            await Expect(page.GetByTestId("total-baseline")).ToHaveTextAsync(prior.ToString(CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("total-followup")).ToHaveTextAsync(current.ToString(CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("total-change")).ToHaveTextAsync(Signed(current - prior));

            // Per region: every row shown equals the stored change of its region, and every region with a lesion is shown.
            var storedRegions = comparison.GetProperty("regionChanges").EnumerateArray()
                .ToDictionary(r => r.GetProperty("region").GetString()!, r => (Prior: r.GetProperty("prior").GetInt32(), Current: r.GetProperty("current").GetInt32()));
            var shown = new HashSet<string>();
            foreach (var regionRow in await page.GetByTestId("region-row").AllAsync())
            {
                var name = (await regionRow.GetByTestId("region-name").TextContentAsync())!.Trim();
                Assert.True(storedRegions.TryGetValue(name, out var counts), $"region {name} shown but not stored");
                await Expect(regionRow.GetByTestId("region-baseline")).ToHaveTextAsync(counts.Prior.ToString(CultureInfo.InvariantCulture));
                await Expect(regionRow.GetByTestId("region-followup")).ToHaveTextAsync(counts.Current.ToString(CultureInfo.InvariantCulture));
                await Expect(regionRow.GetByTestId("region-change")).ToHaveTextAsync(Signed(counts.Current - counts.Prior));
                shown.Add(name);
            }
            Assert.All(storedRegions.Where(r => r.Value.Prior + r.Value.Current > 0), r => Assert.Contains(r.Key, shown));

            // Markers: resolved lesions on the baseline, new and persistent ones on the follow-up; both frames shown.
            await Expect(page.GetByTestId("bone-baseline-image")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("bone-followup-image")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("bone-baseline-overlay")).ToHaveAttributeAsync("data-marker-count", Int(comparison, "resolvedCount"));
            await Expect(page.GetByTestId("bone-followup-overlay")).ToHaveAttributeAsync("data-marker-count",
                (comparison.GetProperty("newCount").GetInt32() + comparison.GetProperty("persistentCount").GetInt32()).ToString(CultureInfo.InvariantCulture));
        }
        finally
        {
            var screenshot = Artifacts.File("end-to-end-comparison.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            output.WriteLine($"screenshot: {screenshot}");
            lock (console) output.WriteLine("browser console:\n" + string.Join('\n', console));
        }
    }

    /// <summary>A pair the analysis tests show exact through the detector (seed 42 of DetectedFollowUpPairTests, as the
    /// end-to-end suite's comparison test uses): 7 lesions, two removed, two added, two shifted, two re-contrasted.</summary>
    private static (BoneScanStudy Baseline, BoneScanStudy FollowUp) Pair(int seed)
    {
        var random = new Random(seed);
        var sampled = LesionSampler.Sample(seed, 10, fwhmMm: 20, contrast: 3, minimumSeparationMm: 60)
            .Select(l => l with { FwhmMm = Math.Round(20 + random.NextDouble() * 10, 1), Contrast = Math.Round(3 + random.NextDouble(), 2) })
            .ToList();
        var baseline = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = seed, CountsPerView = 1_500_000, Lesions = [.. sampled.Take(7)], PatientId = PatientId, PatientName = PatientName,
        });
        double Shift() => (random.NextDouble() * 2 - 1) * 10;
        var followUp = BoneScanPhantom.FollowUp(baseline, new FollowUpChanges
        {
            Removed = ["R1", "R4"],
            Added = [.. sampled.Skip(7).Take(2)],
            Shifted = new Dictionary<string, (double, double)> { ["R3"] = (Shift(), Shift()), ["R5"] = (Shift(), Shift()) },
            NewContrast = new Dictionary<string, double> { ["R6"] = 4, ["R7"] = 3 },
            PatientShiftXPixels = random.Next(-5, 6),
            PatientShiftYPixels = random.Next(-10, 11),
            PatientScale = 0.97 + random.NextDouble() * 0.06,
            DaysLater = 90 + random.Next(0, 60),
        });
        return (baseline, followUp);
    }

    private static string SeriesOf(string path) => BoneScanFindingsPoll.SeriesOf(path);

    private static string Int(JsonElement element, string property) =>
        element.GetProperty(property).GetInt32().ToString(CultureInfo.InvariantCulture);

    private static string Signed(int value) => value switch
    {
        > 0 => $"+{value}",
        < 0 => $"−{-value}",
        _ => "0",
    };

    /// <summary>Waits for the series' bone-scan findings (with a comparison object when asked) and returns their payload.</summary>
    private static Task<JsonElement> WaitForBoneScanFindingsAsync(ServeProcessDeployment deployment, string seriesUid, bool withComparison) =>
        BoneScanFindingsPoll.WaitAsync(deployment.Api, seriesUid, AnalysisTimeout, deployment.Describe,
            withComparison ? BoneScanFindingsPoll.HasComparison : null);
}
