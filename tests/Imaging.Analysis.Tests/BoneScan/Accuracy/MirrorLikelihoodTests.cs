using Imaging.Analysis.BoneScan;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.BoneScan.Accuracy;

/// <summary>The lateral generative test (<c>MirrorLikelihood</c>, option <c>MirrorLikelihoodZ</c>, off by default) on the
/// 2× / 15 mm / 1.5 M cell of the accuracy sweep and on the same patients without lesions (docs/analysis.md, "Fourth pass on
/// 2× lesions").</summary>
public sealed class MirrorLikelihoodTests(ITestOutputHelper output)
{
    private static readonly BoneScanOptions WithTest = BoneScanOptions.Default with { MirrorLikelihoodZ = 10 };

    [Fact]
    public void Mirror_likelihood_test_finds_2x_15_mm_lesions_the_peak_and_core_tests_miss()
    {
        var with = Cell(new BoneScanAnalyzer(WithTest), lesions: 8);
        var without = Cell(new BoneScanAnalyzer(), lesions: 8);
        output.WriteLine($"without the test: {without}; with it: {with}");

        // Measured 71/96 = 74.0 % at 0.33 FP/scan (without: 68/96 = 70.8 % at 0.25); issue 6 asks ≥ 95 % at ≤ 0.5.
        Assert.True(with.Found >= without.Found + 3, $"{without.Found} → {with.Found}");
        Assert.True(with.Sensitivity >= 0.73, with.ToString());
        Assert.True(with.FalsePositivesPerScan <= 0.35, with.ToString());
        Assert.Equal(0, with.NonSkeletalCounted);
    }

    [Fact]
    public void Mirror_likelihood_test_adds_no_false_positive_on_patients_without_lesions()
    {
        var with = Cell(new BoneScanAnalyzer(WithTest), lesions: 0);
        var without = Cell(new BoneScanAnalyzer(), lesions: 0);
        output.WriteLine($"without the test: {without}; with it: {with}");

        Assert.True(with.FalsePositives <= without.FalsePositives, $"FP {without.FalsePositives} → {with.FalsePositives}");
    }

    private AccuracyTotals Cell(BoneScanAnalyzer analyzer, int lesions)
    {
        var totals = new AccuracyTotals();
        for (var i = 0; i < 12; i++)
        {
            var (_, score) = PhantomSuite.Run(PhantomSuite.Uniform(i, 1_500_000, 15, 2, lesions), analyzer);
            output.WriteLine($"scan {i}: {score.Describe()}");
            totals.Add(score);
        }
        return totals;
    }
}
