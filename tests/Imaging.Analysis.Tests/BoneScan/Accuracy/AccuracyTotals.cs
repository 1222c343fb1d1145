using Imaging.Phantoms.Truth;

namespace Imaging.Analysis.Tests.BoneScan.Accuracy;

/// <summary>Scores summed over several scans: sensitivity, false positives per scan, structures counted.</summary>
public sealed class AccuracyTotals
{
    public int Scans { get; private set; }
    public int Lesions { get; private set; }
    public int Found { get; private set; }
    public int FalsePositives { get; private set; }
    public int NonSkeletalCounted { get; private set; }
    public int DegenerativeCounted { get; private set; }

    /// <summary>Every truth lesion with what the image shows of it (<see cref="ImagedPeakRatio"/>) and whether it was found:
    /// the drawn contrast is activity, not what the camera sees after blur and overlap.</summary>
    public List<(double ImagedRatio, bool Found)> ByImagedRatio { get; } = [];

    public double Sensitivity => Lesions == 0 ? double.NaN : (double)Found / Lesions;

    public double FalsePositivesPerScan => Scans == 0 ? double.NaN : (double)FalsePositives / Scans;

    public void Add(BoneScanScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        Scans++;
        Lesions += score.Found.Count + score.Missed.Count;
        Found += score.Found.Count;
        foreach (var lesion in score.Found) ByImagedRatio.Add((ImagedPeakRatio(lesion), true));
        foreach (var lesion in score.Missed) ByImagedRatio.Add((ImagedPeakRatio(lesion), false));
        FalsePositives += score.FalsePositives.Count;
        NonSkeletalCounted += score.NonSkeletalCounted;
        DegenerativeCounted += score.DegenerativeCounted;
    }

    /// <summary>The larger of the truth's noiseless peak ratios of the views the lesion is seen in (counts at the centre with
    /// the lesion over counts without it), 0 when the phantom did not measure it.</summary>
    public static double ImagedPeakRatio(LesionTruth lesion)
    {
        ArgumentNullException.ThrowIfNull(lesion);
        return Math.Max(lesion.PeakRatioAnterior ?? 0, lesion.PeakRatioPosterior ?? 0);
    }

    /// <summary>Found / total of the lesions whose imaged peak ratio lies in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public (int Found, int Total) InImagedRange(double from, double to)
    {
        int found = 0, total = 0;
        foreach (var (ratio, wasFound) in ByImagedRatio)
        {
            if (ratio < from || ratio >= to) continue;
            total++;
            if (wasFound) found++;
        }
        return (found, total);
    }

    public override string ToString() =>
        $"{Scans} scans, sensitivity {Found}/{Lesions} = {Sensitivity:P1}, FP/scan {FalsePositivesPerScan:0.00}, " +
        $"structures counted {NonSkeletalCounted}, degenerative counted {DegenerativeCounted}";
}
