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

    public double Sensitivity => Lesions == 0 ? double.NaN : (double)Found / Lesions;

    public double FalsePositivesPerScan => Scans == 0 ? double.NaN : (double)FalsePositives / Scans;

    public void Add(BoneScanScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        Scans++;
        Lesions += score.Found.Count + score.Missed.Count;
        Found += score.Found.Count;
        FalsePositives += score.FalsePositives.Count;
        NonSkeletalCounted += score.NonSkeletalCounted;
        DegenerativeCounted += score.DegenerativeCounted;
    }

    public override string ToString() =>
        $"{Scans} scans, sensitivity {Found}/{Lesions} = {Sensitivity:P1}, FP/scan {FalsePositivesPerScan:0.00}, " +
        $"structures counted {NonSkeletalCounted}, degenerative counted {DegenerativeCounted}";
}
