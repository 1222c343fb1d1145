using Imaging.Analysis.BoneScan;
using Imaging.Analysis.Metadata;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms;
using Imaging.Phantoms.Truth;
using PhantomStudy = Imaging.Phantoms.BoneScanStudy;

namespace Imaging.Analysis.Tests.BoneScan.Comparison;

/// <summary>Runs the bone-scan analyzer on generated phantoms and relates its lesions to the ground truth.</summary>
internal static class PhantomAnalysis
{
    /// <summary>Truth and detection agree when the detected centre is this close (mm): the blob centre of a 15–25 mm
    /// lesion lands within a pixel or two of the drawn one.</summary>
    public const double TruthMatchMm = 15;

    public static async Task<BoneScanFindings> AnalyzeAsync(PhantomStudy study, BoneScanAnalyzer? analyzer = null)
    {
        using var temp = new TempFolder();
        var paths = await study.WriteAsync(temp.Path);
        var input = SeriesMetadataExtractor.Extract(paths.Select(p => InstanceFile.FromPath(p)), CancellationToken.None);
        return (analyzer ?? new BoneScanAnalyzer()).Analyze(input, CancellationToken.None);
    }

    /// <summary>The truth lesion each detected lesion stands for (null: a false positive).</summary>
    public static Dictionary<string, LesionTruth?> TruthOf(BoneScanFindings findings, BoneScanGroundTruth truth)
    {
        var result = new Dictionary<string, LesionTruth?>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var spacing = truth.PixelSpacingMm;
        var pairs = from d in findings.Lesions
                    from t in truth.Lesions
                    let distance = Math.Sqrt((d.X - t.X) * (d.X - t.X) + (d.Y - t.Y) * (d.Y - t.Y)) * spacing
                    where distance <= TruthMatchMm
                    orderby distance
                    select (d, t);
        foreach (var (d, t) in pairs)
        {
            if (result.ContainsKey(d.Id) || taken.Contains(t.Id)) continue;
            result[d.Id] = t;
            taken.Add(t.Id);
        }
        foreach (var d in findings.Lesions) result.TryAdd(d.Id, null);
        return result;
    }
}
