using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Reporting.BoneScan;

/// <summary>What one bone-scan findings record becomes: the TID 1500 report, the key image and the key object selection
/// that flags both.</summary>
public sealed record BoneScanReportSet(DicomDataset Report, DicomDataset KeyImage, DicomDataset KeyObjects)
{
    /// <summary>Writes the three objects as Part 10 files into <paramref name="directory"/> (named by SOP Instance UID)
    /// and returns their paths: report, key image, key objects.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var report = Path.Combine(directory, Name(Report, "sr"));
        var keyImage = Path.Combine(directory, Name(KeyImage, "sc"));
        var keyObjects = Path.Combine(directory, Name(KeyObjects, "ko"));
        await Part10Output.WriteAsync(report, MeasurementReportWriter.ToFile(Report), cancellationToken).ConfigureAwait(false);
        await Part10Output.WriteAsync(keyImage, KeyImageWriter.ToFile(KeyImage), cancellationToken).ConfigureAwait(false);
        await Part10Output.WriteAsync(keyObjects, KeyObjectSelectionWriter.ToFile(KeyObjects), cancellationToken).ConfigureAwait(false);
        return [report, keyImage, keyObjects];
    }

    private static string Name(DicomDataset ds, string kind) => $"{kind}-{ds.GetSingleString(DicomTag.SopInstanceUid)}.dcm";
}
