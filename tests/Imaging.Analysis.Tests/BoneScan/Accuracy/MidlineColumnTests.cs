using Imaging.Analysis.BoneScan;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.BoneScan.Accuracy;

/// <summary>The midline column core test (<c>ColumnComparison</c>, analyzer 0.4) on the 2× / 20 mm / 1.5 M cell of the
/// accuracy sweep (docs/analysis.md, "Third pass on 2× lesions").</summary>
public sealed class MidlineColumnTests(ITestOutputHelper output)
{
    private static readonly string[] Midline = ["cervical-spine", "thoracic-spine", "lumbar-spine", "sternum", "skull"];

    [Fact]
    public void Column_core_test_finds_2x_midline_lesions_the_neighbour_peak_misses_without_adding_false_positives()
    {
        // Scans 2, 3 and 8 of the cell hold a sternal, thoracic and lumbar 2× lesion each that the peak-against-window-median
        // reference (1.5×) missed: imaged 1.6–2.0× but 1.2–1.46× the neighbouring column at the finest scale.
        int[] scans = [2, 3, 8];
        var (withFound, withFp) = Count(new BoneScanAnalyzer(), scans);
        var (withoutFound, withoutFp) = Count(new BoneScanAnalyzer(BoneScanOptions.Default with { ColumnCoreContrast = 0 }), scans);
        output.WriteLine($"midline lesions found: {withoutFound} without the column test, {withFound} with it; FP {withoutFp} → {withFp}");

        Assert.True(withFound >= withoutFound + 3, $"{withoutFound} → {withFound}");
        Assert.True(withFp <= withoutFp, $"FP {withoutFp} → {withFp}");
    }

    [Fact]
    public void Two_times_20_mm_cell_at_1_5_M_counts_keeps_the_measured_accuracy()
    {
        var totals = new AccuracyTotals();
        var analyzer = new BoneScanAnalyzer();
        for (var i = 0; i < 12; i++)
        {
            var (_, score) = PhantomSuite.Run(PhantomSuite.Uniform(i, 1_500_000, 20, 2), analyzer);
            output.WriteLine($"scan {i}: {score.Describe()}");
            totals.Add(score);
        }
        output.WriteLine(totals.ToString());

        // Measured 86.5 % (83/96) at 0.17 FP/scan (analyzer 0.3: 81.2 %, 0.17); issue 6 asks ≥ 95 % at ≤ 0.5 FP/scan.
        Assert.True(totals.Sensitivity >= 0.86, totals.ToString());
        Assert.True(totals.FalsePositivesPerScan <= 0.25, totals.ToString());
        Assert.Equal(0, totals.NonSkeletalCounted);
    }

    private (int Found, int FalsePositives) Count(BoneScanAnalyzer analyzer, int[] scans)
    {
        int found = 0, falsePositives = 0;
        foreach (var i in scans)
        {
            var (_, score) = PhantomSuite.Run(PhantomSuite.Uniform(i, 1_500_000, 20, 2), analyzer);
            output.WriteLine($"scan {i}: {score.Describe()}");
            found += score.Found.Count(l => Midline.Contains(l.Region));
            falsePositives += score.FalsePositives.Count;
        }
        return (found, falsePositives);
    }
}
